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
END { scan(text) }
