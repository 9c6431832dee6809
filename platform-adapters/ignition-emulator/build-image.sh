#!/bin/sh
# Builds the Ignition gateway emulator images (stoker/ignition-emulator:<version>) without any
# container registry: a jlink Java runtime, the shaded emulator jar, the shared libraries the
# runtime links against and a static busybox are packed as a root filesystem and `docker import`ed
# once per emulated Ignition version (the version is baked in as IGNITION_VERSION).
#
# Idempotent: each image carries a label with a hash of everything that goes into it; when the
# image with that label already exists the build is skipped.
#
# Environment:
#   EMULATOR_IMAGE     image repository                (default stoker/ignition-emulator)
#   EMULATOR_VERSIONS  Ignition versions to emulate    (default "8.1.44 8.3.4")
#   FORCE=1            rebuild even when the images are up to date
set -eu

cd "$(dirname "$0")"
HERE=$(pwd)
IMAGE=${EMULATOR_IMAGE:-stoker/ignition-emulator}
VERSIONS=${EMULATOR_VERSIONS:-"8.1.44 8.3.4"}
INSTALL=/usr/local/bin/ignition
# jdeps also names java.desktop (java.beans) for Jackson, which runs without it; leaving it out saves ~12 MB.
MODULES=java.base,java.sql,java.xml,java.management,jdk.management,jdk.httpserver,jdk.unsupported
JVM_OPTS='"-Xms16m","-Xmx48m","-Xss512k","-XX:+UseSerialGC","-XX:TieredStopAtLevel=1","-XX:-UsePerfData"'
IGNITION_UID=2003

log() { echo "build-image: $*" >&2; }

./ensure-docker.sh

content_hash() {
  {
    find src/main pom.xml build-image.sh -type f | LC_ALL=C sort | xargs sha256sum
    java -version 2>&1
    echo "$MODULES $JVM_OPTS $IGNITION_UID"
  } | sha256sum | cut -c1-16
}
HASH=$(content_hash)

image_hash() {
  docker image inspect -f '{{index .Config.Labels "dev.stoker.content-hash"}}' "$1" 2>/dev/null || true
}

todo=""
for v in $VERSIONS; do
  if [ "${FORCE:-0}" != 1 ] && [ "$(image_hash "$IMAGE:$v")" = "$HASH" ]; then
    log "$IMAGE:$v is up to date ($HASH)"
  else
    todo="$todo $v"
  fi
done
[ -z "$todo" ] && exit 0

log "building the emulator jar"
mvn -q -o -f pom.xml -DskipTests package 2>/dev/null || mvn -q -f pom.xml -DskipTests package
JAR=$(ls target/ignition-emulator-*.jar | grep -v original | head -n 1)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs
mkdir -p "$ROOT/opt" "$ROOT/bin" "$ROOT/etc" "$ROOT/tmp" "$ROOT$INSTALL/lib" \
  "$ROOT$INSTALL/data" "$ROOT$INSTALL/user-lib/modules" "$ROOT$INSTALL/user-lib/jdbc"
chmod 1777 "$ROOT/tmp"

log "creating the Java runtime ($MODULES)"
jlink --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$ROOT/opt/java"
# Class data sharing makes the JVM start noticeably faster.
"$ROOT/opt/java/bin/java" -Xshare:dump >/dev/null 2>&1 || log "no CDS archive (start will be slower)"

log "copying shared libraries"
{
  ldd "$ROOT/opt/java/bin/java"
  find "$ROOT/opt/java/lib" -name '*.so' -exec ldd {} \;
} 2>/dev/null | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' | sort -u | while read -r lib; do
  cp -L --parents "$lib" "$ROOT/"
done
cp -L --parents /lib64/ld-linux-x86-64.so.2 "$ROOT/"

log "adding busybox, users and the emulator"
command -v busybox >/dev/null 2>&1 || { apt-get install -y busybox-static >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y busybox-static >/dev/null; }; }
cp "$(command -v busybox)" "$ROOT/bin/busybox"
for applet in sh ls cat env ps kill mkdir rm cp mv ln wget sleep grep id chmod chown df; do
  ln -s busybox "$ROOT/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nignition:x:%s:%s:ignition:%s:/bin/sh\n' "$IGNITION_UID" "$IGNITION_UID" "$INSTALL" >"$ROOT/etc/passwd"
printf 'root:x:0:\nignition:x:%s:\n' "$IGNITION_UID" >"$ROOT/etc/group"
cp "$JAR" "$ROOT$INSTALL/lib/ignition-emulator.jar"
# Named volumes copy this ownership, so the gateway user can write its data as in the real image.
chown -R "$IGNITION_UID:$IGNITION_UID" "$ROOT$INSTALL/data" "$ROOT$INSTALL/user-lib"

tar --numeric-owner -C "$ROOT" -cf "$WORK/rootfs.tar" .
for v in $todo; do
  log "importing $IMAGE:$v"
  previous=$(docker image inspect -f '{{.Id}}' "$IMAGE:$v" 2>/dev/null || true)
  docker import \
    -c "ENV PATH=/opt/java/bin:/bin IGNITION_VERSION=$v IGNITION_INSTALL_LOCATION=$INSTALL" \
    -c "WORKDIR $INSTALL" \
    -c "USER $IGNITION_UID:$IGNITION_UID" \
    -c "EXPOSE 8088 8043 8060" \
    -c "LABEL dev.stoker.content-hash=$HASH dev.stoker.emulates=inductiveautomation/ignition:$v" \
    -c "ENTRYPOINT [\"/opt/java/bin/java\",$JVM_OPTS,\"-jar\",\"$INSTALL/lib/ignition-emulator.jar\"]" \
    "$WORK/rootfs.tar" "$IMAGE:$v" >/dev/null
  # The superseded image lost its tag; drop it unless a container still uses it.
  [ -n "$previous" ] && docker rmi "$previous" >/dev/null 2>&1 || true
  docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$IMAGE:$v" >&2
done
