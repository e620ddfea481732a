# zsh -f zsh-complete.zsh FPATH_DIR OUT_FILE LINE...
# Types each LINE and one Tab into an interactive zsh in a pseudo-terminal (zpty) that loads
# completion as the README says (fpath, then compinit). Every match offered passes through compadd,
# which writes a copy to OUT_FILE under a "== LINE" heading; what the terminal showed goes to
# stdout. Exit 3: no zpty module; 4: zsh stopped answering.
zmodload zsh/zpty || exit 3
dir=$1 out=$2; shift 2
tty=

# reads the terminal until the command `print MARK` has run (its echo shows MA''RK)
await() {
  local chunk i
  for (( i = 0; i < 200; i++ )); do
    while zpty -r -t cds chunk; do tty+=$chunk; done
    [[ $tty == *$1* ]] && return 0
    sleep 0.05
  done
  print -u2 "no $1 from zsh"
  exit 4
}
run() {
  zpty -w cds "$1; print ${2[1,2]}''${2[3,-1]}"
  await $2
}

zpty cds zsh -f -i
run "PS1='> ' LISTMAX=100000; fpath=(${(q)dir} \$fpath)" READY1
run "autoload -Uz compinit && compinit -u -D" READY2
# every match offered passes through compadd: keep a copy
run "compadd() { if (( \${@[(I)-[OAD]]} == 0 )); then local -a hits; builtin compadd -O hits \"\$@\"; print -rl -- \$hits >> ${(q)out}; fi; builtin compadd \"\$@\"; }" READY3
integer n=0
for line in "$@"; do
  (( n++ ))
  run "print -r -- '== '${(q)line} >> ${(q)out}" LINE$n
  zpty -w -n cds "$line"$'\t'
  sleep 0.2
  zpty -w cds $'\C-e\C-u'"print DO''NE$n"
  await DONE$n
done
zpty -d cds
print -r -- $tty
