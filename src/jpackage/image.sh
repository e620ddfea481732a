#!/usr/bin/env bash
# Builds the self-contained cds app image (and a .deb where dpkg-deb and fakeroot exist) from
# target/cds.jar and target/cds-ext.jar (FHIR validation and serve's TLS, which cds opens itself
# from beside cds.jar when it needs them: never on the launcher's class path); the jpackage Maven
# profile runs it in package, LauncherIT with CDS_IT_JPACKAGE=1:
#
#   src/jpackage/image.sh [--no-deb] JDK_HOME TARGET_DIR VERSION PROJECT_DIR [MAINTAINER]
#
# JDK_HOME is any JDK 17+; the same steps for every release, with the class-data mechanism that
# release has:
#   17-24  AppCDS: jlink writes the runtime's base CDS archive (--generate-cds-archive), without
#          which a dynamic archive can be neither recorded nor used. The archive names cds.jar by
#          absolute path, so bin/cds records it per user on the first command (on 17/18 a static
#          archive dumped from that run's class list, -XX:+AutoCreateSharedArchive on 19+); the
#          training run here only checks that it can be recorded.
#   25+    the AOT cache lib/app/cds.aot (-XX:AOTCacheOutput, JEP 483/514/515): every class and
#          linkage the training run used, with no base archive needed.
# Steps: jdeps finds the modules, jlink links the runtime, jpackage lays out the image, bin/cds is
# replaced by src/jpackage/cds, the training run (dev.cds.cli.Training: init, call, discover
# against an in-process service; for the AOT cache, a cds serve in a JVM of its own and no
# terminal runs, because that cache loads every class it holds at every start) records the cache, man pages, completions and LICENSE are added,
# then the .tar.gz and the .deb (/opt/cds, plus /usr/bin/cds and the man pages, completions and
# licence under /usr/share) are made.
#
# Versions: jpackage and Debian order a pre-release with "~", so a Maven VERSION 0.1.0-SNAPSHOT is
# package version 0.1.0~SNAPSHOT (deb 0.1.0~SNAPSHOT-1, which sorts before the 0.1.0 release);
# `cds --version` and the archive name keep the Maven version.
set -euo pipefail

deb=true
if [ "${1:-}" = --no-deb ]; then deb=false; shift; fi
jdk=$1 target=$2 version=$3 project=$4
maintainer=${5:-}
stage=$target/jpackage
image=$stage/cds
say() { echo "[jpackage] $*"; }
fail() { echo "[jpackage] $*" >&2; exit 1; }

feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null || true)
[ -n "$feature" ] || fail "$jdk is not a JDK (no release file)"
[ "$feature" -ge 17 ] || fail "cds needs JDK 17 or newer to package; $jdk is $feature"
[ -x "$jdk/bin/jpackage" ] || fail "$jdk has no jpackage"
tilde='~'
package_version=${version/-/$tilde}
homepage=$(sed -n 's|^  <url>\(.*\)</url>$|\1|p' "$project/pom.xml" | head -n 1)

rm -rf "$stage"
mkdir -p "$stage/input/examples"
[ -f "$target/cds-ext.jar" ] || fail "no $target/cds-ext.jar: build both jars with ./mvnw package"
cp "$target/cds.jar" "$target/cds-ext.jar" "$stage/input/"
cp -R "$project/examples/services" "$stage/input/examples/"

if [ "$feature" -ge 25 ]; then
  mode=aot cache=cds.aot
  # the cache loads every class it holds at every start: no terminal runs (JLine) in the training
  train=(-XX:AOTCacheOutput='$APP/cds.aot' -Dcds.training.terminal=false)
  base_archive=()
  # JDK 25 logs AOT cache messages under the aot tag, which older releases reject
  logs='all=warning,cds*=off,aot*=off:stderr'
else
  # the launcher records a per-user archive on the first command (see src/jpackage/cds); the
  # training run here only proves that the runtime can record one, then is thrown away
  mode=record cache=training.jsa
  [ "$feature" -ge 19 ] && mode=auto
  if [ "$mode" = record ]; then
    # 17, 18: a static archive, dumped from the class list of the first command (see src/jpackage/cds)
    train=(-Xshare:off -XX:DumpLoadedClassList='$APP/training.classlist')
  else
    train=(-XX:ArchiveClassesAtExit='$APP/training.jsa')
  fi
  base_archive=(--generate-cds-archive)
  logs='all=warning,cds*=off:stderr'
fi
native_access=()
# JLine loads its native terminal library; 22+ warns about that unless it is allowed
if [ "$feature" -ge 22 ]; then native_access=(--enable-native-access=ALL-UNNAMED); fi
# the launcher's options that depend on the release (as src/main/sh/cds chooses them): on 24+
# BigInteger's methods compile early, for BigDecimal's slow static set-up
release_options=("${native_access[@]}")
if [ "$feature" -ge 24 ]; then
  release_options+=(-XX:CompileCommand=quiet '-XX:CompileCommand=CompileThresholdScaling,java.math.BigInteger::*,0.05')
fi

# Only Jackson's optional java.beans (ConstructorProperties, Transient) and java.sql (Date,
# Timestamp) support refers to java.desktop and java.sql; Jackson checks for them at run time and
# cds binds neither. Dropping java.desktop alone saves about 12 MB.
drop=${CDS_JLINK_DROP:-java.desktop,java.sql}
# Over both jars: the libraries of cds-ext.jar need java.naming, java.scripting, java.xml.crypto and
# jdk.unsupported, which cds.jar alone does not.
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release "$feature" --print-module-deps \
  "$target/cds.jar" "$target/cds-ext.jar" \
  | tr ',' '\n' | grep -vxF -f <(tr ',' '\n' <<< "$drop") | paste -sd, -)
# Service providers jdeps cannot see: elliptic-curve TLS and keys (a separate module before JDK 22).
if "$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then modules=$modules,jdk.crypto.ec; fi
say "JDK $feature ($jdk), modules: $modules"
"$jdk/bin/jlink" --add-modules "$modules" --output "$stage/runtime" \
  --strip-debug --no-header-files --no-man-pages "${base_archive[@]}" > /dev/null
# the base archive for heaps over 32 GB (no compressed oops): never used by a command-line tool
rm -f "$stage/runtime/lib/server/classes_nocoops.jsa"

"$jdk/bin/jpackage" --type app-image --name cds --app-version "$package_version" \
  --input "$stage/input" --main-jar cds.jar --main-class dev.cds.cli.Main \
  --runtime-image "$stage/runtime" --dest "$stage" \
  --description "A command-line CDS Hooks client" --vendor "cds"
rm -rf "$stage/input" "$stage/runtime"

# jpackage's native launcher runs `rpm -qf` and `dpkg -S` on itself at every start (about 130 ms
# of CPU here, more than the JVM's own start-up): bin/cds is a shell script instead, with the
# same layout, so the .deb below and the class-data cache's class path are unchanged. The native
# launcher's library, its configuration and the desktop icon are then unused.
sed -e "s|@CACHE@|$mode|g" -e "s|@RELEASE_OPTIONS@|${release_options[*]:-}|" -e "s|@LOG_SELECTION@|-Xlog:$logs|" \
  "$project/src/jpackage/cds" > "$image/bin/cds"
chmod 755 "$image/bin/cds"
rm -f "$image/lib/libapplauncher.so" "$image/lib/cds.png" "$image/lib/app/cds.cfg"

app=$image/lib/app
java_bin=$image/lib/runtime/bin/java
say "training the class-data cache ($cache)"
server_args=()
if [ "$mode" = aot ]; then
  # the services it calls run in a JVM of their own, so that no server class is in the cache
  mkfifo "$stage/url"
  "$java_bin" -cp "$app/cds.jar" dev.cds.cli.Main serve "$app/examples/services" --port 0 --quiet > "$stage/url" &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null || true' EXIT
  read -r -t 60 training_base < "$stage/url" || fail "the training's cds serve printed no URL"
  rm -f "$stage/url"
  server_args=(-Dcds.training.base="$training_base")
fi
"$java_bin" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:+UseSerialGC -Xss512k -XX:CICompilerCount=1 "${native_access[@]}" \
  "${train[@]//\$APP/$app}" "${server_args[@]}" -Xlog:disable -Xlog:all=error:stderr \
  -cp "$app/cds.jar" dev.cds.cli.Training "$app/examples/services" | { grep -v '^$' || true; }
if [ "$mode" = aot ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; trap - EXIT; fi
if [ "$mode" = record ]; then
  "$java_bin" -Xshare:dump -XX:+UseG1GC -XX:SharedClassListFile="$app/training.classlist" \
    -XX:SharedArchiveFile="$app/$cache" -Xlog:disable -Xlog:all=error:stderr -cp "$app/cds.jar" > /dev/null
  rm -f "$app/training.classlist"
fi
[ -f "$app/$cache" ] || fail "training wrote no $cache"
[ "$mode" = aot ] || rm -f "$app/$cache"

# man pages (roff, from -Pman), shell completions and the licence, where a Unix user looks for them
man=$target/man/man1
if compgen -G "$man/*.1" > /dev/null; then
  mkdir -p "$image/share/man/man1"
  for page in "$man"/*.1; do gzip -9n < "$page" > "$image/share/man/man1/${page##*/}.gz"; done
else
  say "no roff man pages in $man (the jpackage profile makes them; -Pman alone too): the image has none"
fi
install -D -m 644 "$project/completions/cds.bash" "$image/share/bash-completion/completions/cds"
install -D -m 644 "$project/completions/_cds" "$image/share/zsh/vendor-completions/_cds"
install -m 644 "$project/LICENSE" "$image/LICENSE"

# smoke test: the launcher works from another directory and says which version it is
(cd / && "$image/bin/cds" init order-dispatch > /dev/null)
"$image/bin/cds" --version | head -n 1 | grep -qxF "cds $version" || fail "bin/cds --version does not say cds $version"
say "image: $image ($(du -sh "$image" | cut -f1); runtime $(du -sh "$image/lib/runtime" | cut -f1); class data: $mode)"

# the release archive of the image (jreleaser.yml, distribution cds-image)
arch=$(uname -m); [ "$arch" = amd64 ] && arch=x86_64
tar -C "$stage" -czf "$stage/cds-$version-linux-$arch.tar.gz" cds
say "archive: $stage/cds-$version-linux-$arch.tar.gz ($(du -sh "$stage/cds-$version-linux-$arch.tar.gz" | cut -f1))"

if ! $deb; then
  say "--no-deb: skipping the .deb"
elif command -v dpkg-deb > /dev/null && command -v fakeroot > /dev/null; then
  [ -n "$maintainer" ] || fail "the .deb needs a maintainer (MAINTAINER argument, e.g. from the pom's jpackage.maintainer)"
  "$jdk/bin/jpackage" --type deb --app-image "$image" --name cds --app-version "$package_version" \
    --dest "$stage/deb" --description "A command-line CDS Hooks client" --vendor "cds maintainers" \
    --linux-package-name cds --linux-app-category devel --linux-deb-maintainer "$maintainer" \
    --about-url "$homepage" 2>&1 | { grep -v '^$' || true; }
  made=$(ls "$stage"/deb/*.deb 2> /dev/null | head -n 1)
  [ -n "$made" ] || fail "jpackage made no .deb"
  # jpackage puts only the image's bin/ and lib/ into /opt/cds (and computes the Depends field):
  # the command, man pages, completions and licence go where Debian looks for them, as files of
  # the package, so that removing it removes them too
  root=$stage/deb/root
  dpkg-deb -R "$made" "$root"
  mkdir -p "$root/usr/bin" "$root/usr/share/doc/cds"
  ln -s /opt/cds/bin/cds "$root/usr/bin/cds"
  if [ -d "$image/share/man" ]; then cp -R "$image/share/man" "$root/usr/share/"; fi
  cp -R "$image/share/bash-completion" "$image/share/zsh" "$root/usr/share/"
  install -m 644 "$image/LICENSE" "$root/opt/cds/LICENSE"
  install -m 644 "$image/LICENSE" "$root/usr/share/doc/cds/copyright"
  # one version and file name whichever jpackage made it (releases differ in adding the revision)
  sed -i -e "s/^Installed-Size:.*/Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
    -e "s/^Version:.*/Version: ${package_version}-1/" "$root/DEBIAN/control"
  deb_file=$stage/cds_${package_version}-1_$(dpkg-deb -f "$made" Architecture).deb
  fakeroot dpkg-deb --root-owner-group -b "$root" "$deb_file" > /dev/null
  rm -rf "$stage/deb"
  say "deb: $deb_file ($(du -sh "$deb_file" | cut -f1))"
else
  say "no dpkg-deb/fakeroot: skipping the .deb"
fi
