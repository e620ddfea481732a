#!/usr/bin/env bash
# Start-up benchmark: times `cds init`, `cds call` against a local `cds serve`, curl posting the
# same body and a bare-JVM hello world, alternating the variants in one run so that machine noise
# hits them all alike; prints medians, the ratios of the performance goal and peak RSS.
#
#   src/bench/bench.sh [-n RUNS] [--java JAVA] [LAUNCHER]
#
# LAUNCHER: target/cds (default) or an installed/packaged launcher such as
# target/jpackage/cds/bin/cds. JAVA: the java that runs the hello world (default: the runtime
# inside a jpackage image when measuring one, else $JAVA_HOME/bin/java, else java on PATH).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=15
java_cmd=
launcher=
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--runs) runs=$2; shift 2 ;;
    --java) java_cmd=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench: unknown option $1" >&2; exit 2 ;;
    *) launcher=$1; shift ;;
  esac
done
launcher=${launcher:-$root/target/cds}
[ -x "$launcher" ] || { echo "bench: $launcher not found: run ./mvnw -q -DskipTests package first" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed for peak RSS" >&2; exit 2; }

if [ -z "$java_cmd" ]; then
  image_runtime=$(cd "$(dirname "$launcher")/.." && pwd)/lib/runtime
  if [ -f "$image_runtime/release" ]; then
    # a jpackage image: the hello world runs on the full JDK of the same feature version
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image_runtime/release")
    for jdk in /usr/lib/jvm/temurin-"$feature"-* /usr/lib/jvm/java-"$feature"-*; do
      if [ -x "$jdk/bin/java" ]; then java_cmd=$jdk/bin/java; break; fi
    done
  fi
fi
if [ -z "$java_cmd" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_cmd=$JAVA_HOME/bin/java; else java_cmd=java; fi
fi
javac_cmd=$(dirname "$(command -v "$java_cmd")")/javac

work=$(mktemp -d)
# a discovery cache of the run's own: cds-call finds the document cached, cds-call-refresh fetches it
export XDG_CACHE_HOME=$work/cache
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/Hello.java" <<'EOF'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
EOF
"$javac_cmd" -d "$work" "$work/Hello.java"

# one server for the whole run; its first stdout line is its URL
mkfifo "$work/url"
"$launcher" serve "$root/examples/services" --port 0 --quiet > "$work/url" &
server_pid=$!
read -r -t 30 base < "$work/url" || { echo "bench: cds serve printed no URL" >&2; exit 4; }

context=$root/examples/contexts/patient-view.json
body=$root/examples/requests/patient-view.json
# fail early (and visibly) rather than time an error
"$launcher" call patient-view --base "$base" --context "$context" --output json > /dev/null
curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary @"$body" "$base/cds-services/patient-view-reminders"

names=(bare-jvm cds-init cds-call cds-call-refresh curl)
bare_jvm=("$java_cmd" -cp "$work" Hello)
cds_init=("$launcher" init order-dispatch)
cds_call=("$launcher" call patient-view --base "$base" --context "$context" --output json)
cds_call_refresh=("${cds_call[@]}" --refresh)
curl_post=(curl -fsS -H 'Content-Type: application/json' --data-binary @"$body" "$base/cds-services/patient-view-reminders")
command_of() {
  case "$1" in
    bare-jvm) cmd=("${bare_jvm[@]}") ;;
    cds-init) cmd=("${cds_init[@]}") ;;
    cds-call) cmd=("${cds_call[@]}") ;;
    cds-call-refresh) cmd=("${cds_call_refresh[@]}") ;;
    curl) cmd=("${curl_post[@]}") ;;
  esac
}

# one timed run: wall milliseconds (bash's clock around GNU time, which adds the same fork and
# exec to every variant) and peak RSS in kB, appended to the variant's files
measure() {
  local name=$1 start end cmd
  command_of "$name"
  start=$(date +%s%N)
  /usr/bin/time -o "$work/rss" -f %M "${cmd[@]}" > /dev/null 2> "$work/stderr" \
    || { echo "bench: $name failed:" >&2; cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 )) >> "$work/$name.ms"
  tail -n 1 "$work/rss" >> "$work/$name.kb"
}

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { sort -n "$1" | tail -n 1; }

echo "launcher: $launcher"
echo "hello on: $java_cmd ($("$java_cmd" -version 2>&1 | head -n 1))"
echo "server:   $base   runs: $runs (+1 warm-up, variants alternate)"
for name in "${names[@]}"; do command_of "$name"; "${cmd[@]}" > /dev/null 2>&1 || true; done
for ((i = 1; i <= runs; i++)); do
  for name in "${names[@]}"; do measure "$name"; done
done

printf '\n%-16s %10s %10s %10s %12s\n' variant median_ms min_ms max_ms peak_rss_MB
declare -A med
for name in "${names[@]}"; do
  med[$name]=$(median "$work/$name.ms")
  printf '%-16s %10s %10s %10s %12.1f\n' "$name" "${med[$name]}" "$(sort -n "$work/$name.ms" | head -n 1)" \
    "$(maximum "$work/$name.ms")" "$(awk -v k="$(maximum "$work/$name.kb")" 'BEGIN { print k / 1024 }')"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "cds call --refresh / bare JVM: $(ratio "${med[cds-call-refresh]}" "${med[bare-jvm]}")   (goal <= 3)"
echo "cds call (cached) / bare JVM: $(ratio "${med[cds-call]}" "${med[bare-jvm]}")"
echo "cds init / bare JVM: $(ratio "${med[cds-init]}" "${med[bare-jvm]}")   (goal <= 2)"
echo "cds call / curl:     $(ratio "${med[cds-call]}" "${med[curl]}")"
