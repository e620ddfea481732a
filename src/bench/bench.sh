#!/usr/bin/env bash
# Start-up benchmark: times `cds init`, `cds call` against a local `cds serve`, curl posting the
# same body and a bare-JVM hello world, alternating all variants in one run so that machine noise
# hits them all alike; prints medians, the ratios of the performance goal and peak RSS.
#
#   src/bench/bench.sh [-n RUNS] [--java JAVA] [LAUNCHER...]
#
# LAUNCHER: target/cds (default) or an installed/packaged launcher such as
# target/jpackage/cds/bin/cds; several launchers (both kinds, or a build before and after a
# change) are measured in the same run, each against the hello world on its own JDK. JAVA: the
# java that runs the hello world for every launcher (default: the runtime's JDK inside a jpackage
# image, else $JAVA_HOME/bin/java, else java on PATH).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=15
java_override=
launchers=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--runs) runs=$2; shift 2 ;;
    --java) java_override=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench: unknown option $1" >&2; exit 2 ;;
    *) launchers+=("$1"); shift ;;
  esac
done
[ ${#launchers[@]} -gt 0 ] || launchers=("$root/target/cds")
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed for peak RSS" >&2; exit 2; }

# the java that runs the hello world next to a launcher
hello_java() {
  local launcher=$1 image_runtime feature jdk
  if [ -n "$java_override" ]; then echo "$java_override"; return; fi
  image_runtime=$(cd "$(dirname "$launcher")/.." && pwd)/lib/runtime
  if [ -f "$image_runtime/release" ]; then
    # a jpackage image: the hello world runs on the full JDK of the same feature version
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image_runtime/release")
    for jdk in /usr/lib/jvm/temurin-"$feature"-* /usr/lib/jvm/java-"$feature"-*; do
      if [ -x "$jdk/bin/java" ]; then echo "$jdk/bin/java"; return; fi
    done
  fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; else command -v java; fi
}

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

# variants: one bare JVM per distinct JDK, then init and call per launcher, then curl
names=()
declare -A cmdline label jvm_of
javas=()
for i in "${!launchers[@]}"; do
  l=${launchers[$i]}
  [ -x "$l" ] || { echo "bench: $l not found: run ./mvnw -q -DskipTests package first" >&2; exit 2; }
  j=$(hello_java "$l")
  for k in "${!javas[@]}"; do [ "${javas[$k]}" = "$j" ] && jvm_of[$i]=$k; done
  if [ -z "${jvm_of[$i]:-}" ]; then jvm_of[$i]=${#javas[@]}; javas+=("$j"); fi
done
for k in "${!javas[@]}"; do
  mkdir -p "$work/hello$k"
  "$(dirname "$(command -v "${javas[$k]}")")/javac" -d "$work/hello$k" "$work/Hello.java"
  names+=("jvm$k"); label[jvm$k]="bare JVM $("${javas[$k]}" -version 2>&1 | head -n 1 | sed 's/.*version "\([^"]*\)".*/\1/')"
done

# one server for the whole run; its first stdout line is its URL
mkfifo "$work/url"
"${launchers[0]}" serve "$root/examples/services" --port 0 --quiet > "$work/url" &
server_pid=$!
read -r -t 30 base < "$work/url" || { echo "bench: cds serve printed no URL" >&2; exit 4; }

context=$root/examples/contexts/patient-view.json
body=$root/examples/requests/patient-view.json
for i in "${!launchers[@]}"; do
  names+=("init$i" "call$i" "refresh$i")
  label[init$i]="cds init   [$i]"; label[call$i]="cds call   [$i]"; label[refresh$i]="call --refresh [$i]"
done
names+=(curl); label[curl]="curl"

command_of() { # NAME: sets cmd to its command line
  local name=$1 i
  case "$name" in
    jvm*) cmd=("${javas[${name#jvm}]}" -cp "$work/hello${name#jvm}" Hello) ;;
    init*) i=${name#init}; cmd=("${launchers[$i]}" init order-dispatch) ;;
    call*) i=${name#call}; cmd=("${launchers[$i]}" call patient-view --base "$base" --context "$context" --output json) ;;
    refresh*) i=${name#refresh}; cmd=("${launchers[$i]}" call patient-view --base "$base" --context "$context" --output json --refresh) ;;
    curl) cmd=(curl -fsS -H 'Content-Type: application/json' --data-binary @"$body" "$base/cds-services/patient-view-reminders") ;;
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

for i in "${!launchers[@]}"; do echo "[$i] ${launchers[$i]} (hello on ${javas[${jvm_of[$i]}]})"; done
echo "server: $base   runs: $runs (+1 warm-up, variants alternate)"
# fail early (and visibly) rather than time an error; also the warm-up round
for name in "${names[@]}"; do
  command_of "$name"
  "${cmd[@]}" > /dev/null 2> "$work/stderr" || { echo "bench: $name failed:" >&2; cat "$work/stderr" >&2; exit 1; }
done
for ((r = 1; r <= runs; r++)); do
  for name in "${names[@]}"; do measure "$name"; done
done

printf '\n%-22s %10s %8s %8s %12s\n' variant median_ms min_ms max_ms peak_rss_MB
declare -A med
for name in "${names[@]}"; do
  med[$name]=$(median "$work/$name.ms")
  printf '%-22s %10s %8s %8s %12.1f\n' "${label[$name]}" "${med[$name]}" "$(sort -n "$work/$name.ms" | head -n 1)" \
    "$(maximum "$work/$name.ms")" "$(awk -v k="$(maximum "$work/$name.kb")" 'BEGIN { print k / 1024 }')"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
for i in "${!launchers[@]}"; do
  jvm=jvm${jvm_of[$i]}
  echo "[$i] cds call --refresh / bare JVM: $(ratio "${med[refresh$i]}" "${med[$jvm]}") (goal <= 3)   cached: $(ratio "${med[call$i]}" "${med[$jvm]}")   cds init / bare JVM: $(ratio "${med[init$i]}" "${med[$jvm]}") (goal <= 2)   cds call / curl: $(ratio "${med[call$i]}" "${med[curl]}")"
done
