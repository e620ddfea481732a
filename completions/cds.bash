# bash completion for cds, generated from its command model by `cds completion bash`.
# Use: source this file (or: source <(cds completion bash)), or install it as
# /usr/share/bash-completion/completions/cds.

_cds__hooks='allergyintolerance-create appointment-book encounter-discharge encounter-start medication-refill medication-verify order-dispatch order-select order-sign patient-view problem-list-item-create medication-prescribe order-review'

# The profile names of the config file cds reads: $CDS_CONFIG, else
# $XDG_CONFIG_HOME/cds/config, else ~/.config/cds/config. Read at each Tab, in the shell.
_cds__profiles() {
  local file=${CDS_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/cds/config}
  [[ -f $file && -r $file ]] || return 0
  awk '
{ sub(/^[ \t\r]+/, ""); sub(/[ \t\r]+$/, "") }
/^\[.*\]$/ {
  name = substr($0, 2, length($0) - 2)
  sub(/^[ \t]+/, "", name); sub(/[ \t]+$/, "", name); sub(/^profile[ \t]+/, "", name)
  if (name ~ /^[A-Za-z0-9._~+@-]+$/ && !(name in seen)) { seen[name]; print name }
}' "$file" 2>/dev/null
}

# The hooks ($1 = hook) or service ids ($1 = id), other than those in $2, of the discovery documents that cds call and
# cds discover keep in $XDG_CACHE_HOME/cds/discovery (else ~/.cache/cds/discovery): a small JSON
# scanner, so that an "id" inside a prefetch template or an extension is never taken for a service.
# Values that would need quoting are left out; so are entries cds itself would not trust (symlinks,
# other users' files). Only the server the command line names is read, when it names one.
_cds__cached() {
  local file files=()
  for file in "${XDG_CACHE_HOME:-$HOME/.cache}"/cds/discovery/*.json; do
    [[ -f $file && -r $file && -O $file && ! -L $file ]] && files+=("$file")
  done
  (( ${#files[@]} )) || return 0
  awk -v want="$1" -v skip="$2" -v base="$(_cds__base)" '
BEGIN { n = split(skip, known, " "); for (i = 1; i <= n; i++) seen[known[i]] }
function scan(t,    n, i, c, d, s, ok, type, key, wantkey, from) {
  n = length(t); d = 0; from = ""
  for (i = 1; i <= n; i++) {
    c = substr(t, i, 1)
    if (c == "\"") {
      s = ""; ok = 1
      for (i++; i <= n; i++) {
        c = substr(t, i, 1)
        if (c == "\\") { ok = 0; i++ }
        else if (c == "\"") break
        else s = s c
      }
      if (type[d] == "{" && wantkey[d]) { key[d] = s; wantkey[d] = 0 }
      else if (d == 1 && key[1] == "base") from = s
      else if (ok && d == 4 && (base == "" || from == base) && key[4] == want && type[3] == "[" && key[2] == "services" \
          && key[1] == "document" && s ~ /^[A-Za-z0-9._~+@-]+$/ && !(s in seen)) { seen[s]; print s }
    } else if (c == "{" || c == "[") { d++; type[d] = c; key[d] = ""; wantkey[d] = c == "{" }
    else if (c == "}" || c == "]") d--
    else if (c == "," && type[d] == "{") wantkey[d] = 1
  }
}
FNR == 1 && NR > 1 { scan(text); text = "" }
{ text = text $0 "\n" }
END { scan(text) }' "${files[@]}" 2>/dev/null
}

# The base URL the words being completed name (--base, else CDS_BASE_URL), as cds keys its cache:
# without trailing slashes or /cds-services. Empty when there is none: every cached server counts.
_cds__base() {
  local base=${CDS_BASE_URL:-} i
  for (( i = 1; i < ${#COMP_WORDS[@]}; i++ )); do
    case ${COMP_WORDS[i]} in
      --base=*) base=${COMP_WORDS[i]#--base=} ;;
      --base) if [[ ${COMP_WORDS[i+1]:-} == = ]]; then base=${COMP_WORDS[i+2]:-}; else base=${COMP_WORDS[i+1]:-}; fi ;;
    esac
  done
  while [[ $base == */ ]]; do base=${base%/}; done
  printf '%s' "${base%/cds-services}"
}

# The subcommands and the options (hidden ones left out) of the command at path $1.
_cds__command() {
  case $1 in
    '') subs='hooks init discover call render diff validate feedback test serve prefetch keys jwt load capabilities config completion help'
      opts='--output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'hooks') subs='show'
      opts='--output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'hooks show') subs=''
      opts='--hook-version --output --color --no-color -v --verbose --stacktrace --profile
        -h --help -V --version' ;;
    'init') subs=''
      opts='--fhir-version --hook-version --full --fhir-server --set -o --out --output
        --color --no-color -v --verbose --stacktrace --profile -h --help -V --version' ;;
    'discover') subs=''
      opts='--base --timeout -H --header --insecure --cacert --cert --cert-key --proxy
        --max-response-size --refresh --discovery-ttl --key --iss --kid --jku --tenant
        --alg --jwt-ttl --smart-token-url --smart-discovery --client-id --scope --width
        --output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'call') subs=''
      opts='--base --timeout -H --header --insecure --cacert --cert --cert-key --proxy
        --max-response-size --refresh --discovery-ttl --fhir-server --fhir-token
        --fhir-token-file --fhir-scope --fhir-subject --fhir-expires-in --fhir-patient
        --prefetch --fhir-data --prefetch-tokens --prefetch-pages --max-prefetch
        --no-prefetch --dry-run --key --iss --kid --jku --tenant --alg --jwt-ttl
        --smart-token-url --smart-discovery --client-id --scope --width --expect
        --fail-on --ignore --interactive --no-validate --strict --validate-fhir --spec
        --repeat --duration --concurrency --rate --fail-on-p95 --fail-on-p90 --segment
        --start-at --histogram-log --crd-config --crd-version --crd --service --context
        --request --keep-instance --set --hook-version --fhir-version --output --color
        --no-color -v --verbose --stacktrace --profile -h --help -V --version' ;;
    'render') subs=''
      opts='--width --output --color --no-color -v --verbose --stacktrace --profile -h
        --help -V --version' ;;
    'diff') subs=''
      opts='--width --ignore --output --color --no-color -v --verbose --stacktrace --profile
        -h --help -V --version' ;;
    'validate') subs=''
      opts='--spec --as --no-fhir --fhir-version --hook-version --crd --hook --output
        --color --no-color -v --verbose --stacktrace --profile -h --help -V --version' ;;
    'feedback') subs=''
      opts='--base --timeout -H --header --insecure --cacert --cert --cert-key --proxy
        --max-response-size --refresh --discovery-ttl --key --iss --kid --jku --tenant
        --alg --jwt-ttl --smart-token-url --smart-discovery --client-id --scope
        --service --card --outcome --suggestion --reason-code --reason-system
        --reason-display --comment --timestamp --output --color --no-color -v --verbose
        --stacktrace --profile -h --help -V --version' ;;
    'test') subs=''
      opts='--base --timeout -H --header --insecure --cacert --cert --cert-key --proxy
        --max-response-size --refresh --discovery-ttl --key --iss --kid --jku --tenant
        --alg --jwt-ttl --smart-token-url --smart-discovery --client-id --scope
        --fhir-server --fhir-token --fhir-token-file --fhir-scope --fhir-subject
        --fhir-expires-in --fhir-patient --prefetch --fhir-data --prefetch-tokens
        --prefetch-pages --max-prefetch --spec --suite --service --hook --repeat
        --fail-on-p90 --with-feedback --junit --strict --dry-run --output --color
        --no-color -v --verbose --stacktrace --profile -h --help -V --version' ;;
    'serve') subs=''
      opts='--host --port --public-url --threads --max-request-size --read-timeout --tls
        --tls-cert --tls-key --spec --record --fhir-data --jwks --iss -q --quiet
        --output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'prefetch') subs=''
      opts='--base --timeout -H --header --insecure --cacert --cert --cert-key --proxy
        --max-response-size --refresh --discovery-ttl --fhir-server --fhir-token
        --fhir-token-file --fhir-scope --fhir-subject --fhir-expires-in --fhir-patient
        --prefetch --fhir-data --prefetch-tokens --prefetch-pages --max-prefetch --key
        --iss --kid --jku --tenant --alg --jwt-ttl --smart-token-url --smart-discovery
        --client-id --scope --context --hook-version -h --help -V --version --output
        --color --no-color -v --verbose --stacktrace --profile' ;;
    'keys') subs='generate jwks rotate'
      opts='-h --help -V --version --output --color --no-color -v --verbose --stacktrace
        --profile' ;;
    'keys generate') subs=''
      opts='--alg --kid -o --out --force -h --help -V --version --output --color --no-color
        -v --verbose --stacktrace --profile' ;;
    'keys jwks') subs=''
      opts='--kid -h --help -V --version --output --color --no-color -v --verbose
        --stacktrace --profile' ;;
    'keys rotate') subs=''
      opts='-o --out --alg --kid --keep -h --help -V --version --output --color --no-color
        -v --verbose --stacktrace --profile' ;;
    'jwt') subs='decode sign'
      opts='-h --help -V --version --output --color --no-color -v --verbose --stacktrace
        --profile' ;;
    'jwt decode') subs=''
      opts='--jwks --cacert --insecure -h --help -V --version --output --color --no-color -v
        --verbose --stacktrace --profile' ;;
    'jwt sign') subs=''
      opts='--key --iss --aud --kid --jku --tenant --jwt-ttl -h --help -V --version --output
        --color --no-color -v --verbose --stacktrace --profile' ;;
    'load') subs='merge'
      opts='-h --help -V --version --output --color --no-color -v --verbose --stacktrace
        --profile' ;;
    'load merge') subs=''
      opts='--fail-on-p95 --fail-on-p90 -h --help -V --version --output --color --no-color
        -v --verbose --stacktrace --profile' ;;
    'capabilities') subs=''
      opts='--output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'config') subs='view path'
      opts='--output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'config view') subs=''
      opts='--output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'config path') subs=''
      opts='--output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'completion') subs=''
      opts='--output --color --no-color -v --verbose --stacktrace --profile -h --help -V
        --version' ;;
    'help') subs=''
      opts='-h --help --output --color --no-color -v --verbose --stacktrace --profile' ;;
    *) subs= opts= ;;
  esac
}

# What word $2 takes in the command at path $1, for an option or for positional @N: sets kind (flag,
# text, file, dir, values, profile, hook, service, target or command) and vals. Fails for a word
# the command does not know.
_cds__arg() {
  vals=
  case $1 in
    '')
      case $2 in
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'hooks')
      case $2 in
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'hooks show')
      case $2 in
        --hook-version) kind=text ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        @0) kind=hook ;;
        *) return 1 ;;
      esac ;;
    'init')
      case $2 in
        --fhir-version) kind=values vals='R4 STU3 DSTU2' ;;
        --hook-version|--fhir-server|--set) kind=text ;;
        --full|--no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        -o|--out) kind=file ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=hook ;;
        *) return 1 ;;
      esac ;;
    'discover')
      case $2 in
        --base|--timeout|-H|--header|--proxy|--max-response-size|--discovery-ttl|--iss|\
          --kid|--jku|--tenant|--jwt-ttl|--smart-token-url|--smart-discovery|--client-id|\
          --scope|--width) kind=text ;;
        --insecure|--refresh|--no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --cacert|--cert|--cert-key|--key) kind=file ;;
        --alg) kind=values vals='ES384 RS384' ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=text ;;
        *) return 1 ;;
      esac ;;
    'call')
      case $2 in
        --base|--timeout|-H|--header|--proxy|--max-response-size|--discovery-ttl|\
          --fhir-server|--fhir-token|--fhir-scope|--fhir-subject|--fhir-expires-in|\
          --fhir-patient|--prefetch-pages|--max-prefetch|--iss|--kid|--jku|--tenant|\
          --jwt-ttl|--smart-token-url|--smart-discovery|--client-id|--scope|--width|\
          --ignore|--repeat|--duration|--concurrency|--rate|--fail-on-p95|--fail-on-p90|\
          --segment|--start-at|--crd-config|--crd-version|--set|--hook-version) kind=text ;;
        --insecure|--refresh|--no-prefetch|--dry-run|--interactive|--no-validate|\
          --strict|--validate-fhir|--crd|--keep-instance|--no-color|-v|--verbose|\
          --stacktrace|-h|--help|-V|--version) kind=flag ;;
        --cacert|--cert|--cert-key|--fhir-token-file|--prefetch|--fhir-data|\
          --prefetch-from|--key|--expect|--histogram-log|--context|--request) kind=file ;;
        --prefetch-tokens) kind=values vals='2.0 crd fhirpath all' ;;
        --alg) kind=values vals='ES384 RS384' ;;
        --fail-on) kind=values vals='info warning critical' ;;
        --spec) kind=values vals='2.0 3.0' ;;
        --service) kind=service ;;
        --fhir-version) kind=values vals='R4 STU3 DSTU2' ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=target ;;
        *) return 1 ;;
      esac ;;
    'render')
      case $2 in
        --width) kind=text ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        @0) kind=file ;;
        *) return 1 ;;
      esac ;;
    'diff')
      case $2 in
        --width|--ignore) kind=text ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        @0) kind=file ;;
        @1) kind=file ;;
        *) return 1 ;;
      esac ;;
    'validate')
      case $2 in
        --spec) kind=values vals='2.0 3.0' ;;
        --as) kind=values vals='request response discovery feedback' ;;
        --no-fhir|--crd|--no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --fhir-version) kind=values vals='R4 STU3 DSTU2' ;;
        --hook-version) kind=text ;;
        --hook) kind=hook ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @*) kind=file ;;
        *) return 1 ;;
      esac ;;
    'feedback')
      case $2 in
        --base|--timeout|-H|--header|--proxy|--max-response-size|--discovery-ttl|--iss|\
          --kid|--jku|--tenant|--jwt-ttl|--smart-token-url|--smart-discovery|--client-id|\
          --scope|--card|--suggestion|--reason-code|--reason-system|--reason-display|\
          --comment|--timestamp) kind=text ;;
        --insecure|--refresh|--no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --cacert|--cert|--cert-key|--key) kind=file ;;
        --alg) kind=values vals='ES384 RS384' ;;
        --service) kind=service ;;
        --outcome) kind=values vals='accepted overridden' ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'test')
      case $2 in
        --base|--timeout|-H|--header|--proxy|--max-response-size|--discovery-ttl|--iss|\
          --kid|--jku|--tenant|--jwt-ttl|--smart-token-url|--smart-discovery|--client-id|\
          --scope|--fhir-server|--fhir-token|--fhir-scope|--fhir-subject|--fhir-expires-in|\
          --fhir-patient|--prefetch-pages|--max-prefetch|--repeat|--fail-on-p90) kind=text ;;
        --insecure|--refresh|--with-feedback|--strict|--dry-run|--no-color|-v|--verbose|\
          --stacktrace|-h|--help|-V|--version) kind=flag ;;
        --cacert|--cert|--cert-key|--key|--fhir-token-file|--prefetch|--fhir-data|\
          --prefetch-from|--junit) kind=file ;;
        --alg) kind=values vals='ES384 RS384' ;;
        --prefetch-tokens) kind=values vals='2.0 crd fhirpath all' ;;
        --spec) kind=values vals='2.0 3.0' ;;
        --suite) kind=values vals='cds-hooks crd' ;;
        --service) kind=service ;;
        --hook) kind=hook ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=text ;;
        *) return 1 ;;
      esac ;;
    'serve')
      case $2 in
        --host|--port|--public-url|--threads|--max-request-size|--read-timeout|--iss|\
          --issuer) kind=text ;;
        --tls) kind=values vals='self-signed' ;;
        --tls-cert|--tls-key|--fhir-data|--jwks|--fhir) kind=file ;;
        --spec) kind=values vals='2.0 3.0' ;;
        --record) kind=dir ;;
        -q|--quiet|--no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=dir ;;
        *) return 1 ;;
      esac ;;
    'prefetch')
      case $2 in
        --base|--timeout|-H|--header|--proxy|--max-response-size|--discovery-ttl|\
          --fhir-server|--fhir-token|--fhir-scope|--fhir-subject|--fhir-expires-in|\
          --fhir-patient|--prefetch-pages|--max-prefetch|--iss|--kid|--jku|--tenant|\
          --jwt-ttl|--smart-token-url|--smart-discovery|--client-id|--scope|--hook-version) kind=text ;;
        --insecure|--refresh|-h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --cacert|--cert|--cert-key|--fhir-token-file|--prefetch|--fhir-data|\
          --prefetch-from|--key|--context) kind=file ;;
        --prefetch-tokens) kind=values vals='2.0 crd fhirpath all' ;;
        --alg) kind=values vals='ES384 RS384' ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=service ;;
        *) return 1 ;;
      esac ;;
    'keys')
      case $2 in
        -h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'keys generate')
      case $2 in
        --alg) kind=values vals='ES384 RS384' ;;
        --kid) kind=text ;;
        -o|--out) kind=dir ;;
        --force|-h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'keys jwks')
      case $2 in
        --kid) kind=text ;;
        -h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=file ;;
        *) return 1 ;;
      esac ;;
    'keys rotate')
      case $2 in
        -o|--out) kind=dir ;;
        --alg) kind=values vals='ES384 RS384' ;;
        --kid|--keep) kind=text ;;
        -h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'jwt')
      case $2 in
        -h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'jwt decode')
      case $2 in
        --jwks|--cacert) kind=file ;;
        --insecure|-h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=text ;;
        *) return 1 ;;
      esac ;;
    'jwt sign')
      case $2 in
        --key) kind=file ;;
        --iss|--aud|--kid|--jku|--tenant|--jwt-ttl|--ttl) kind=text ;;
        -h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'load')
      case $2 in
        -h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'load merge')
      case $2 in
        --fail-on-p95|--fail-on-p90) kind=text ;;
        -h|--help|-V|--version|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @*) kind=file ;;
        *) return 1 ;;
      esac ;;
    'capabilities')
      case $2 in
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'config')
      case $2 in
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'config view')
      case $2 in
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'config path')
      case $2 in
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        *) return 1 ;;
      esac ;;
    'completion')
      case $2 in
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --no-color|-v|--verbose|--stacktrace|-h|--help|-V|--version) kind=flag ;;
        --profile) kind=profile ;;
        @0) kind=values vals='bash zsh' ;;
        *) return 1 ;;
      esac ;;
    'help')
      case $2 in
        -h|--help|--no-color|-v|--verbose|--stacktrace) kind=flag ;;
        --output) kind=values vals='pretty json' ;;
        --color) kind=values vals='auto always never' ;;
        --profile) kind=profile ;;
        @0) kind=command ;;
        *) return 1 ;;
      esac ;;
    *) return 1 ;;
  esac
}

# Adds to COMPREPLY the candidates of kind $1 (values: $2) that start with $3.
_cds__candidates() {
  local words line
  case $1 in
    values) words=$2 ;;
    profile) words=$(_cds__profiles) ;;
    hook) words="$_cds__hooks $(_cds__cached hook "$_cds__hooks")" ;;
    service) words=$(_cds__cached id) ;;
    target) words="$_cds__hooks $(_cds__cached hook "$_cds__hooks") $(_cds__cached id "$_cds__hooks")" ;;
    command) _cds__command ''; words=$subs ;;
    file|dir)
      compopt -o filenames 2> /dev/null
      while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen "-${1:0:1}" -- "$3")
      return 0 ;;
    *) return 0 ;;
  esac
  while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -W "$words" -- "$3")
}

# Walks the words before the cursor to the subcommand and to the option whose value is being
# typed, as picocli reads them (--name value, --name=value, -- ends the options). An empty answer
# leaves bash to complete file names (complete -o default).
_cds() {
  local cur=${COMP_WORDS[COMP_CWORD]} path= opt= prefix= dashdash= word kind vals subs opts i n=0
  COMPREPLY=()
  for (( i = 1; i < COMP_CWORD; i++ )); do
    word=${COMP_WORDS[i]}
    if [[ -z $dashdash && $word == -* ]]; then
      [[ $word == -- ]] && dashdash=1
      [[ $word == *=* ]] || ! _cds__arg "$path" "$word" || [[ $kind == flag ]] && continue
      (( i++ ))
      # bash splits --name=value at '=' when COMP_WORDBREAKS holds it
      [[ ${COMP_WORDS[i]} == = ]] && (( i < COMP_CWORD )) && (( i++ ))
      (( i == COMP_CWORD )) && opt=$word && break
    elif (( n == 0 )) && _cds__command "$path" && [[ " "$subs" " == *" $word "* ]]; then
      path=${path:+$path }$word
    else
      (( n++ ))
    fi
  done
  if [[ -z $opt && -z $dashdash && $cur == --*=* ]]; then
    opt=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}
  fi
  if [[ -n $opt ]]; then
    [[ $cur == = ]] && cur=
    _cds__arg "$path" "$opt" && _cds__candidates "$kind" "$vals" "$cur"
  elif [[ -z $dashdash && $cur == -* ]]; then
    _cds__command "$path"
    _cds__candidates values "$opts" "$cur"
  else
    _cds__command "$path"
    (( n == 0 )) && [[ -n $subs ]] && _cds__candidates values "$subs" "$cur"
    _cds__arg "$path" "@$n" && _cds__candidates "$kind" "$vals" "$cur"
  fi
  [[ -n $prefix ]] && COMPREPLY=("${COMPREPLY[@]/#/"$prefix"}")
  return 0
}

complete -o default -F _cds cds
