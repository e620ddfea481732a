#!/usr/bin/env bash
# The README's main job: start the bundled example CDS service on a free port, fire order-dispatch
# at it with the example context (performer out of network) and prefetch fulfilled from the bundled
# FHIR data (served at /fhir), show the prior-authorization card, stop.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cds=${CDS:-$here/../target/cds}
exec 3< <(exec "$cds" serve "$here/services" --fhir "$here/fhir/ehr.json" --port 0 --quiet)
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
read -r -t 30 base <&3
"$cds" call order-dispatch --base "$base" --fhir-server "$base/fhir" \
  --context "$here/contexts/order-dispatch.json" "$@"
