{ sub(/^[ \t\r]+/, ""); sub(/[ \t\r]+$/, "") }
/^\[.*\]$/ {
  name = substr($0, 2, length($0) - 2)
  sub(/^[ \t]+/, "", name); sub(/[ \t]+$/, "", name); sub(/^profile[ \t]+/, "", name)
  if (name ~ /^[A-Za-z0-9._~+@-]+$/ && !(name in seen)) { seen[name]; print name }
}
