# The files that the help and README examples name as the user's own (a saved answer, a key, a
# token, load logs), made with cds the way a user would make them. ExamplesTest runs this in the
# examples' working folder, with CDS_BASE_URL set, before the examples.
set -euo pipefail
cds init order-dispatch > request.json
cds call order-sign-coverage --output json > saved.json
cds call order-sign-coverage --output json > yesterday.json
cds call order-sign-coverage --output json > today.json
cds call order-sign --output json > a.ndjson
cds call order-sign --output json > b.ndjson
cds keys generate --out . > /dev/null
cp private-key.pem key.pem
cp private-key.pem ehr.pem
cds jwt sign --key key.pem --iss https://ehr.example --aud https://cds.example/cds-services/crd > token.jwt
mkdir -p results
for i in 0 1 2 3; do
  cds call order-dispatch-crd --repeat 8 --segment "$i/4" --histogram-log "results/$i.hlog" --output json > /dev/null
  cp "results/$i.hlog" .
done
echo example-access-token > token.txt
mkdir -p ~/.config/cds
printf '[staging]\nbase = https://cds.staging.example.org\n' > ~/.config/cds/config
