#!/usr/bin/env bash
# Builds the self-contained cds app image (and a .deb where dpkg-deb and fakeroot exist) from
# target/cds.jar; the jpackage Maven profile runs it in package:
#
#   src/jpackage/image.sh JDK_HOME TARGET_DIR VERSION PROJECT_DIR
#
# 1. jdeps finds the modules cds.jar needs; jlink links a runtime of only those.
# 2. jpackage makes target/jpackage/cds: bin/cds, lib/app/cds.jar, lib/app/examples, lib/runtime.
# 3. A training run (dev.cds.cli.Training: init, call, discover against an in-process service)
#    records the class-data cache next to the jar, with the image's own runtime: the JDK 25 AOT
#    cache (-XX:AOTCacheOutput, JEP 514/515) when the JDK has it, else an AppCDS archive.
set -euo pipefail

jdk=$1 target=$2 version=$3 project=$4
stage=$target/jpackage
image=$stage/cds
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
say() { echo "[jpackage] $*"; }

rm -rf "$stage"
mkdir -p "$stage/input/examples"
cp "$target/cds.jar" "$stage/input/"
cp -R "$project/examples/services" "$stage/input/examples/"

# Only Jackson's optional java.beans (ConstructorProperties, Transient) and java.sql (Date,
# Timestamp) support refers to java.desktop and java.sql; Jackson checks for them at run time and
# cds binds neither. Dropping java.desktop alone saves about 12 MB.
drop=${CDS_JLINK_DROP:-java.desktop,java.sql}
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release "$feature" --print-module-deps "$target/cds.jar" \
  | tr ',' '\n' | grep -vxF -f <(tr ',' '\n' <<< "$drop") | paste -sd, -)
# Service providers jdeps cannot see: elliptic-curve TLS and keys (a separate module before JDK 22).
if "$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then modules=$modules,jdk.crypto.ec; fi
say "modules: $modules"
"$jdk/bin/jlink" --add-modules "$modules" --output "$stage/runtime" \
  --strip-debug --no-header-files --no-man-pages

# the JVM flags of src/jpackage/cds, the image's launcher (training and use should agree)
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:CICompilerCount=1)
if [ "$feature" -ge 25 ]; then
  cache=cds.aot
  train=(-XX:AOTCacheOutput='$APP/cds.aot')
  use=(-XX:AOTCache='"$app/cds.aot"')
else
  cache=cds.jsa
  train=(-XX:ArchiveClassesAtExit='$APP/cds.jsa')
  use=(-XX:SharedArchiveFile='"$app/cds.jsa"' -Xshare:auto)
fi

"$jdk/bin/jpackage" --type app-image --name cds --app-version "${version%%-*}" \
  --input "$stage/input" --main-jar cds.jar --main-class dev.cds.cli.Main \
  --runtime-image "$stage/runtime" --dest "$stage" \
  --description "A command-line CDS Hooks client" --vendor "cds"
rm -rf "$stage/input" "$stage/runtime"

# jpackage's native launcher runs `rpm -qf` and `dpkg -S` on itself at every start (about 130 ms
# of CPU here, more than the JVM's own start-up): bin/cds is a shell script instead, with the
# same layout, so the .deb below and the AOT cache's class path are unchanged.
sed "s|@CACHE_OPTIONS@|${use[*]}|" "$project/src/jpackage/cds" > "$image/bin/cds"
chmod 755 "$image/bin/cds"

app=$image/lib/app
java_bin=$image/lib/runtime/bin/java
say "training the class-data cache ($cache)"
"$java_bin" "${flags[@]}" "${train[@]//\$APP/$app}" -Xlog:disable -Xlog:all=error:stderr \
  -cp "$app/cds.jar" dev.cds.cli.Training "$app/examples/services"
[ -f "$app/$cache" ] || { echo "[jpackage] training wrote no $cache" >&2; exit 1; }

# smoke test: the launcher works from another directory
(cd / && "$image/bin/cds" init order-dispatch > /dev/null)
say "image: $image ($(du -sh "$image" | cut -f1); runtime $(du -sh "$image/lib/runtime" | cut -f1), $cache $(du -sh "$app/$cache" | cut -f1))"

# the release archive of the image (jreleaser.yml, distribution cds-image)
arch=$(uname -m); [ "$arch" = amd64 ] && arch=x86_64
tar -C "$stage" -czf "$stage/cds-$version-linux-$arch.tar.gz" cds
say "archive: $stage/cds-$version-linux-$arch.tar.gz ($(du -sh "$stage/cds-$version-linux-$arch.tar.gz" | cut -f1))"

if command -v dpkg-deb > /dev/null && command -v fakeroot > /dev/null; then
  "$jdk/bin/jpackage" --type deb --app-image "$image" --name cds --app-version "${version%%-*}" \
    --dest "$stage" --description "A command-line CDS Hooks client" --vendor "cds" \
    --linux-package-name cds --linux-app-category devel 2>&1 | grep -v '^$' || true
  ls "$stage"/*.deb > /dev/null 2>&1 && say "deb: $(ls "$stage"/*.deb) ($(du -sh "$stage"/*.deb | cut -f1))"
else
  say "no dpkg-deb/fakeroot: skipping the .deb"
fi
