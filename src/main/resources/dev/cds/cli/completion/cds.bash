# bash completion for cds, generated from its command model by `cds completion bash`.
# Use: source this file (or: source <(cds completion bash)), or install it as
# /usr/share/bash-completion/completions/cds.

_cds__hooks='@HOOKS@'

# The profile names of the config file cds reads: $CDS_CONFIG, else
# $XDG_CONFIG_HOME/cds/config, else ~/.config/cds/config. Read at each Tab, in the shell.
_cds__profiles() {
  local file=${CDS_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/cds/config}
  [[ -f $file && -r $file ]] || return 0
  awk '
@PROFILES_AWK@' "$file" 2>/dev/null
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
@DISCOVERY_AWK@' "${files[@]}" 2>/dev/null
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
@COMMANDS@
    *) subs= opts= ;;
  esac
}

# What word $2 takes in the command at path $1, for an option or for positional @N: sets kind (flag,
# text, file, dir, values, profile, hook, service, target or command) and vals. Fails for a word
# the command does not know.
_cds__arg() {
  vals=
  case $1 in
@ARGS@
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
