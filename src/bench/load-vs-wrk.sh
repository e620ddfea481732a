#!/bin/sh
# cds call's load run against wrk (and ab, when installed) on the same local `cds serve --quiet`,
# same body, 16 connections, each for the same few seconds; rounds alternate the tools so that the
# background load of a shared machine hits them alike, and the last line gives the median of the
# rounds' ratios. Needs target/cds (mvnw package), wrk (apt-get install wrk; ab is in
# apache2-utils) and jq.
# Usage: src/bench/load-vs-wrk.sh [ROUNDS] [SECONDS]
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-5}
seconds=${2:-4}
port=${PORT:-18088}
work=$(mktemp -d)
target/cds serve --quiet --port "$port" >"$work/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
sleep 2
base=http://127.0.0.1:$port
url=$base/cds-services/order-dispatch-crd
target/cds init order-dispatch >"$work/body.json"
cat >"$work/post.lua" <<LUA
local f = io.open("$work/body.json", "r")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
LUA
has_ab=$(command -v ab >/dev/null 2>&1 && echo yes || echo no)
# warm the server's JIT the same way for everyone
wrk -t2 -c16 -d3s -s "$work/post.lua" "$url" >/dev/null
printf 'round  wrk req/s  ab req/s  cds req/s  cds/wrk  cds/ab\n'
i=1
while [ "$i" -le "$rounds" ]; do
  w=$(wrk -t2 -c16 -d"${seconds}s" -s "$work/post.lua" "$url" | awk '/Requests\/sec/ {print $2}')
  a=0
  if [ "$has_ab" = yes ]; then
    a=$(ab -q -k -t "$seconds" -n 10000000 -c 16 -p "$work/body.json" -T application/json \
      -H 'Accept: application/json' "$url" | awk '/Requests per second/ {print $4}')
  fi
  c=$(target/cds call order-dispatch --base "$base" --duration "${seconds}s" --concurrency 16 --output json \
    | jq .throughput)
  awk -v i="$i" -v w="$w" -v a="$a" -v c="$c" 'BEGIN {
    printf "%5d  %9.0f  %8.0f  %9.0f  %6.0f%%  %5s\n", i, w, a, c, 100*c/w, (a > 0 ? sprintf("%.0f%%", 100*c/a) : "-") }'
  echo "$c $w" >>"$work/ratios"
  i=$((i + 1))
done
awk '{ print $1 / $2 }' "$work/ratios" | sort -n | awk '{ r[NR] = $1 } END {
  m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
  printf "median cds/wrk over %d rounds: %.0f%%\n", NR, 100 * m }'
