#!/usr/bin/env bash
# Compares JVM flag sets on one cds command line, alternating them run by run: median wall time
# and median CPU time (perf's task-clock when perf works, else GNU time's user+sys in 10 ms steps).
# CPU time is the steadier figure on a shared machine; wall time is what users feel.
#
#   src/bench/flags.sh [-n RUNS] [--java JAVA] [--jar JAR] [--] 'FLAGS A' 'FLAGS B' ... -- CDS ARGS...
#   src/bench/flags.sh '' '-XX:+UseSerialGC' '-XX:TieredStopAtLevel=1' -- init order-dispatch
#
# The empty flag set '' is the JVM's defaults. No flag set gets the launcher's flags implicitly.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=15
java_cmd=java
jar=$root/target/cds.jar
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --java) java_cmd=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --) shift; break ;;
    *) sets+=("$1"); shift ;;
  esac
done
[ ${#sets[@]} -gt 0 ] && [ $# -gt 0 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
use_perf=false
if command -v perf > /dev/null && perf stat -x, -e task-clock true > /dev/null 2>&1; then use_perf=true; fi

fail() { echo "flags: java ${sets[$1]} -jar $jar failed:" >&2; cat "$work/err" >&2; exit 1; }
run_once() { # $1 index of the flag set; the rest the cds arguments
  local i=$1 start end cpu
  shift
  # shellcheck disable=SC2086 # a flag set is a space-separated list by design
  start=$(date +%s%N)
  if $use_perf; then
    perf stat -x, -e task-clock -o "$work/cpu" "$java_cmd" ${sets[$i]} -jar "$jar" "$@" > /dev/null 2> "$work/err" || fail "$i"
    end=$(date +%s%N)
    cpu=$(awk -F, '/task-clock/ { printf "%d", $1 }' "$work/cpu")
  else
    /usr/bin/time -o "$work/cpu" -f '%U %S' "$java_cmd" ${sets[$i]} -jar "$jar" "$@" > /dev/null 2> "$work/err" || fail "$i"
    end=$(date +%s%N)
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/cpu")
  fi
  echo $(( (end - start) / 1000000 )) >> "$work/$i.ms"
  echo "$cpu" >> "$work/$i.cpu"
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for i in "${!sets[@]}"; do run_once "$i" "$@"; rm -f "$work/$i.ms" "$work/$i.cpu"; done # warm-up
for ((r = 1; r <= runs; r++)); do
  for i in "${!sets[@]}"; do run_once "$i" "$@"; done
done
printf '%9s %9s  %s\n' wall_ms cpu_ms flags
for i in "${!sets[@]}"; do
  printf '%9s %9s  %s\n' "$(median "$work/$i.ms")" "$(median "$work/$i.cpu")" "${sets[$i]:-(JVM defaults)}"
done
