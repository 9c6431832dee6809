#!/bin/sh
# Builds a PostgreSQL image (stoker/postgres:<major>) from Debian's PostgreSQL packages without any container
# registry, the way the emulator's and Stoker's images are built: the files of the installed postgresql-<major>
# and postgresql-client-<major> packages (without the LLVM JIT), the shared libraries they link against, the
# time zone data and Debian's static busybox, packed as a root filesystem and `docker import`ed. Runs as user
# postgres (uid 999), data in the volume /var/lib/postgresql/data, first start configured like the common
# postgres image: POSTGRES_PASSWORD (required), POSTGRES_USER (postgres), POSTGRES_DB (= user)
# (src/main/docker/postgres/docker-entrypoint).
#
# Idempotent: skipped when the image with the same content hash (package versions, scripts) exists.
# Environment: POSTGRES_IMAGE (default stoker/postgres), FORCE=1 to rebuild.
set -eu

cd "$(dirname "$0")"
. ../scripts/lib/rootfs.sh
IMAGE=${POSTGRES_IMAGE:-stoker/postgres}
PG_UID=999

log() { echo "build-postgres-image: $*" >&2; }
START=$(date +%s)

../platform-adapters/ignition-emulator/ensure-docker.sh
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { log "installing postgresql"; rootfs_apt_install postgresql; }
MAJOR=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
PACKAGES="postgresql-$MAJOR postgresql-client-$MAJOR"

HASH=$({ dpkg-query -W $PACKAGES libc6; echo "$PG_UID"; } \
  | rootfs_hash src/main/docker/postgres build-postgres-image.sh ../scripts/lib/rootfs.sh)
rootfs_up_to_date "$IMAGE:$MAJOR" "$HASH" && exit 0

rootfs_start

log "copying $PACKAGES $(dpkg-query -W -f '${Version}' "postgresql-$MAJOR")"
dpkg -L $PACKAGES | grep -E "^/usr/(lib|share)/postgresql/$MAJOR/" | grep -vE '/bitcode|llvmjit|/man/' | while read -r f; do
  if [ -L "$f" ] || [ -f "$f" ]; then cp -P --parents "$f" "$ROOT/"; fi
done
# Debian builds PostgreSQL against the system's time zone data
mkdir -p "$ROOT/usr/share" && cp -R /usr/share/zoneinfo "$ROOT/usr/share/"
# shellcheck disable=SC2046 # the packages' paths have no spaces
rootfs_shared_libs "$ROOT" $(find "$ROOT/usr/lib/postgresql/$MAJOR" -type f \( -path '*/bin/*' -o -name '*.so' \))
rootfs_busybox "$ROOT"
rootfs_users "$ROOT" postgres "$PG_UID" /var/lib/postgresql
install -D -m 0755 src/main/docker/postgres/docker-entrypoint "$ROOT/usr/local/bin/docker-entrypoint"
mkdir -p "$ROOT/var/lib/postgresql/data" "$ROOT/var/run/postgresql"
chmod 700 "$ROOT/var/lib/postgresql/data"
chown -R "$PG_UID:$PG_UID" "$ROOT/var/lib/postgresql" "$ROOT/var/run/postgresql"

log "importing $IMAGE:$MAJOR"
rootfs_import "$ROOT" "$IMAGE:$MAJOR" \
  -c "ENV PATH=/usr/lib/postgresql/$MAJOR/bin:/bin PGDATA=/var/lib/postgresql/data" \
  -c "USER $PG_UID:$PG_UID" \
  -c "EXPOSE 5432" \
  -c "VOLUME [\"/var/lib/postgresql/data\"]" \
  -c "HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=5 CMD [\"pg_isready\", \"-q\", \"-h\", \"127.0.0.1\"]" \
  -c "LABEL dev.stoker.content-hash=$HASH org.opencontainers.image.title=PostgreSQL org.opencontainers.image.version=$MAJOR" \
  -c "ENTRYPOINT [\"/usr/local/bin/docker-entrypoint\"]"
log "built $IMAGE:$MAJOR in $(($(date +%s) - START)) s"
