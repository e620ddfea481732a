#!/usr/bin/env bash
# The README's main job: start the bundled example CDS service on a free port, fire order-dispatch
# at it with the example context (performer out of network), show the prior-authorization card, stop.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cds=${CDS:-$here/../target/cds}
exec 3< <(exec "$cds" serve "$here/services" --port 0 --quiet)
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
read -r -t 30 base <&3
"$cds" call order-dispatch --base "$base" --context "$here/contexts/order-dispatch.json" "$@"
