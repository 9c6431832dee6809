#!/bin/sh
# Builds Stoker's own image (stoker/stoker:<version>) without any container registry, the way the emulator's
# images are built: a jlink'd Java runtime of this machine's JDK 17, the shared libraries it links against,
# Debian's static busybox (the Karaf scripts need a shell), the distribution tarball unpacked in /opt/stoker,
# packed as a root filesystem and `docker import`ed. It runs as user stoker (uid 2100), keeps data/ and
# etc/keys/ on volumes, takes its configuration from environment variables and files mounted at /etc/stoker
# (src/main/docker/stoker/docker-entrypoint) and reports its health from /api/v1/health. PostgreSQL's pg_dump and
# psql, from this machine's Debian package postgresql-client-<major>, back up and restore a PostgreSQL store.
#
# Idempotent: the image carries a label with a hash of everything that goes into it; when the image with that
# label already exists the build is skipped. Prints the build time and the image size.
#
# Environment:
#   STOKER_IMAGE   image repository                                   (default stoker/stoker)
#   FORCE=1        rebuild even when the image is up to date
# Needs the distribution (mvn install -DskipTests); builds it when karaf-assembly/target has none.
set -eu

cd "$(dirname "$0")"
. ../scripts/lib/rootfs.sh
IMAGE=${STOKER_IMAGE:-stoker/stoker}
HOME_DIR=/opt/stoker
STOKER_UID=2100
# java.se plus what Karaf, CXF, JGit and the JDBC drivers reach for at run time (EC and PKCS#11 crypto, DNS
# naming, zip file systems, JAAS), the extra charsets, and jcmd for thread dumps (docker exec ... jcmd 1 Thread.print).
MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.zipfs,jdk.security.auth,jdk.security.jgss,jdk.charsets,jdk.xml.dom,jdk.net,jdk.attach,jdk.jcmd,jdk.naming.rmi

log() { echo "build-image: $*" >&2; }
START=$(date +%s)

../platform-adapters/ignition-emulator/ensure-docker.sh

TARBALL=$(ls target/stoker-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$TARBALL" ]; then
  log "no distribution in karaf-assembly/target: building it"
  mvn -q -f ../pom.xml -pl karaf-assembly -am install -DskipTests
  TARBALL=$(ls target/stoker-*.tar.gz | head -n 1)
fi
VERSION=$(basename "$TARBALL" .tar.gz)
VERSION=${VERSION#stoker-}

# pg_dump and psql for backups and restores of a PostgreSQL store (bin/stoker-restore, POST /admin/backups)
ls /usr/lib/postgresql/*/bin/pg_dump >/dev/null 2>&1 || { log "installing postgresql-client"; rootfs_apt_install postgresql-client; }
PG_MAJOR=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin

HASH=$({ java -version 2>&1; echo "$MODULES $STOKER_UID"; dpkg-query -W "postgresql-client-$PG_MAJOR"; } \
  | rootfs_hash src/main/docker/stoker build-image.sh ../scripts/lib/rootfs.sh "$TARBALL")
rootfs_up_to_date "$IMAGE:$VERSION" "$HASH" && exit 0

rootfs_start
mkdir -p "$ROOT/opt" "$ROOT/etc/stoker" "$ROOT$HOME_DIR"

log "creating the Java runtime"
jlink --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$ROOT/opt/java"
# Debian's JDK keeps its CA certificates outside the JDK: the runtime needs them for HTTPS (Git remotes, webhooks).
[ -f /etc/ssl/certs/java/cacerts ] && cp -L /etc/ssl/certs/java/cacerts "$ROOT/opt/java/lib/security/cacerts"
# Class data sharing makes the JVM start faster.
"$ROOT/opt/java/bin/java" -Xshare:dump >/dev/null 2>&1 || log "no CDS archive (start will be slower)"

log "copying pg_dump and psql of postgresql-client-$PG_MAJOR"
dpkg -L "postgresql-client-$PG_MAJOR" | grep -xE "$PG_BIN/(pg_dump|psql)" | while read -r f; do cp --parents "$f" "$ROOT/"; done
[ -x "$ROOT$PG_BIN/pg_dump" ] && [ -x "$ROOT$PG_BIN/psql" ] || { log "postgresql-client-$PG_MAJOR has no pg_dump and psql"; exit 1; }

log "copying shared libraries, busybox and the UTF-8 locale"
# shellcheck disable=SC2046 # the runtime's paths have no spaces
rootfs_shared_libs "$ROOT" "$ROOT/opt/java/bin/java" $(find "$ROOT/opt/java/lib" -name '*.so') "$ROOT$PG_BIN/pg_dump" "$ROOT$PG_BIN/psql"
rootfs_busybox "$ROOT"
# LANG=C.UTF-8 makes UTF-8 the JVM's encoding for file names and text
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$ROOT/usr/lib/locale" && cp -R /usr/lib/locale/C.utf8 "$ROOT/usr/lib/locale/"
fi
rootfs_users "$ROOT" stoker "$STOKER_UID" "$HOME_DIR/data/home"

log "unpacking $(basename "$TARBALL")"
tar xzf "$TARBALL" -C "$ROOT$HOME_DIR" --strip-components=1
install -m 0755 src/main/docker/stoker/docker-entrypoint src/main/docker/stoker/docker-healthcheck "$ROOT$HOME_DIR/bin/"
echo "$HASH" >"$ROOT$HOME_DIR/image-build"
install -m 0644 src/main/docker/stoker/README.txt "$ROOT/etc/stoker/README.txt"
# Karaf's pid and lock files go to data/ (the rest of /opt/stoker is read-only for Stoker)
sed -i 's|^karaf.pid.file *=.*|karaf.pid.file=${karaf.data}/karaf.pid|' "$ROOT$HOME_DIR/etc/config.properties"
printf '\n# In the image only data/ and etc/ are writable\nkaraf.lock.dir=${karaf.data}\n' >>"$ROOT$HOME_DIR/etc/config.properties"
# Stoker writes data/, etc/ (keys, the environment's settings) and Karaf its instance list; the rest stays
# root's. Named volumes copy this ownership.
mkdir -p "$ROOT$HOME_DIR/data/home" "$ROOT$HOME_DIR/etc/keys" "$ROOT$HOME_DIR/instances"
chmod 700 "$ROOT$HOME_DIR/etc/keys"
chown -R "$STOKER_UID:$STOKER_UID" "$ROOT$HOME_DIR/data" "$ROOT$HOME_DIR/etc" "$ROOT$HOME_DIR/instances"

log "importing $IMAGE:$VERSION"
rootfs_import "$ROOT" "$IMAGE:$VERSION" \
  -c "ENV PATH=/opt/java/bin:$PG_BIN:/bin JAVA_HOME=/opt/java LANG=C.UTF-8 HOME=$HOME_DIR/data/home" \
  -c "WORKDIR $HOME_DIR" \
  -c "USER $STOKER_UID:$STOKER_UID" \
  -c "EXPOSE 8181 8443" \
  -c "VOLUME [\"$HOME_DIR/data\", \"$HOME_DIR/etc/keys\"]" \
  -c "HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 CMD [\"$HOME_DIR/bin/docker-healthcheck\"]" \
  -c "LABEL dev.stoker.content-hash=$HASH org.opencontainers.image.title=Stoker org.opencontainers.image.version=$VERSION" \
  -c "ENTRYPOINT [\"$HOME_DIR/bin/docker-entrypoint\"]"
log "built $IMAGE:$VERSION in $(($(date +%s) - START)) s"
