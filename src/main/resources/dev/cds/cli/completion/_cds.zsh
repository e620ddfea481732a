#compdef cds
# zsh completion for cds, generated from its command model by `cds completion zsh`.
# Use: save it as _cds in a folder of $fpath before compinit runs, or, after compinit,
# source <(cds completion zsh).

# The profile names of the config file cds reads: $CDS_CONFIG, else
# $XDG_CONFIG_HOME/cds/config, else ~/.config/cds/config. Read at each Tab, in the shell.
_cds__profiles() {
  local file=${CDS_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/cds/config}
  local -a profiles
  [[ -f $file && -r $file ]] && profiles=(${(f)"$(awk '
@PROFILES_AWK@' $file 2>/dev/null)"})
  _wanted profiles expl profile compadd -a profiles
}

# The hooks ($1 = hook) or service ids ($1 = id), other than those in $2, of the discovery documents that cds call and
# cds discover keep in $XDG_CACHE_HOME/cds/discovery (else ~/.cache/cds/discovery): a small JSON
# scanner, so that an "id" inside a prefetch template or an extension is never taken for a service.
# Values that would need quoting are left out; so are entries cds itself would not trust (symlinks,
# other users' files). Only the server the command line names is read, when it names one.
_cds__cached() {
  local -a files
  files=(${XDG_CACHE_HOME:-$HOME/.cache}/cds/discovery/*.json(N.U))
  (( $#files )) && awk -v want=$1 -v skip="$2" -v base="$(_cds__base)" '
@DISCOVERY_AWK@' $files 2>/dev/null
}

# The base URL the words being completed name (--base, else CDS_BASE_URL), as cds keys its cache:
# without trailing slashes or /cds-services. Empty when there is none: every cached server counts.
_cds__base() {
  local base=${CDS_BASE_URL:-} i
  for (( i = 1; i < $#words; i++ )); do
    case $words[i] in
      --base=*) base=${words[i]#--base=} ;;
      --base) base=${words[i+1]} ;;
    esac
  done
  while [[ $base == */ ]]; do base=${base%/}; done
  print -rn -- ${base%/cds-services}
}

_cds__hooks() {
  local -a hooks=(@HOOKS@)
  hooks+=(${(f)"$(_cds__cached hook "$hooks")"})
  _wanted hooks expl hook compadd -a hooks
}

_cds__services() {
  local -a services
  services=(${(f)"$(_cds__cached id)"})
  _wanted services expl 'service id' compadd -a services
}

_cds__targets() {
  _alternative 'hooks:hook:_cds__hooks' 'services:service id:_cds__services'
}

@FUNCTIONS@
if [[ $funcstack[1] == _cds ]]; then
  _cds "$@"
else
  compdef _cds cds
fi
