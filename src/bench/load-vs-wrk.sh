#!/bin/sh
# cds call --repeat against wrk (and ab) on the same local `cds serve --quiet`, same body, 16
# connections, rounds alternated so background load hits both alike. Needs target/cds (mvnw
# package), wrk and ab (apt-get install wrk apache2-utils), jq.
# Usage: src/bench/load-vs-wrk.sh [ROUNDS] [REQUESTS]
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-3}
n=${2:-20000}
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
# warm the server's JIT the same way for everyone
wrk -t2 -c16 -d3s -s "$work/post.lua" "$url" >/dev/null
printf 'round  wrk req/s  ab req/s  cds req/s  cds/wrk  cds/ab\n'
i=1
while [ "$i" -le "$rounds" ]; do
  w=$(wrk -t2 -c16 -d3s -s "$work/post.lua" "$url" | awk '/Requests\/sec/ {print $2}')
  a=$(ab -q -k -n "$n" -c 16 -p "$work/body.json" -T application/json -H 'Accept: application/json' "$url" \
    | awk '/Requests per second/ {print $4}')
  c=$(target/cds call order-dispatch --base "$base" --repeat "$n" --concurrency 16 --output json | jq .throughput)
  awk -v i="$i" -v w="$w" -v a="$a" -v c="$c" \
    'BEGIN {printf "%5d  %9.0f  %8.0f  %9.0f  %6.0f%%  %5.0f%%\n", i, w, a, c, 100*c/w, 100*c/a}'
  i=$((i + 1))
done
