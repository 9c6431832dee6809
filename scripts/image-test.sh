#!/usr/bin/env bash
# Tests Stoker's images and service files as an admin would use them: builds stoker/stoker:<version> and
# stoker/postgres (karaf-assembly/build-image.sh, build-postgres-image.sh), checks the systemd unit with
# `systemd-analyze verify`, runs docs/compose/docker-compose.yml (Stoker, PostgreSQL, the Docker socket),
# signs in, creates a project and a secret, checks health (PostgreSQL and the Docker engine UP, the container
# healthy), the non-root user and an etc/ override, provisions an emulator gateway through the host's Docker
# socket (its secret file handed over from the container), then removes the containers, starts new ones on the
# same volumes and finds the project and the secret again. Then backup → destroy → restore (issue 18): a backup
# with the keys (pg_dump of the PostgreSQL container's database, repositories, keys), every container and volume
# removed, the archive restored with the image's stoker-restore into fresh volumes and a fresh database, and a new
# Stoker finds the project with its commit, a project without commits, the secret and an intact audit chain.
# Needs the build (mvn install). Ports: IMAGE_TEST_PORT (18601, plain HTTP) and the next one (HTTPS).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "== image-test: $*" >&2; }
fail() { echo "image-test: FAILED: $*" >&2; exit 1; }

PORT=${IMAGE_TEST_PORT:-18601}
STOKER="http://127.0.0.1:$PORT"
PROJECT=stokerimagetest$$
GATEWAY=imagetest-$$
WORK=$(mktemp -d)

platform-adapters/ignition-emulator/ensure-docker.sh
if ! command -v docker-compose >/dev/null 2>&1; then
  log "installing docker-compose"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker-compose >/dev/null
fi

compose() { docker-compose -p "$PROJECT" -f "$WORK/compose/docker-compose.yml" "$@"; }
cleanup() {
  docker ps -aq --filter "label=dev.stoker.name=$GATEWAY" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=dev.stoker.name=$GATEWAY" | xargs -r docker volume rm >/dev/null 2>&1 || true
  if [ -f "$WORK/compose/.env" ]; then
    [ "${KEEP:-0}" = 1 ] || compose down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

check_systemd_unit() {
  local unit=karaf-assembly/src/main/resources/bin/contrib/stoker.service
  tar xzf karaf-assembly/target/stoker-*.tar.gz -C "$WORK" --wildcards '*/bin/contrib/stoker.service' '*/bin/karaf' '*/bin/stop'
  local home
  home=$(echo "$WORK"/stoker-*)
  cmp -s "$unit" "$home/bin/contrib/stoker.service" || fail "the tarball does not ship $unit"
  if ! command -v systemd-analyze >/dev/null 2>&1; then
    log "systemd-analyze not installed: unit not verified"
    return
  fi
  # the unit names /opt/stoker; verify it against the unpacked scripts, and take any warning as a failure
  sed "s|/opt/stoker|$home|g" "$unit" >"$WORK/stoker.service"
  local out
  out=$(systemd-analyze verify "$WORK/stoker.service" 2>&1) || fail "systemd-analyze verify: $out"
  [ -z "$out" ] || fail "systemd-analyze verify warns: $out"
  log "systemd unit verified"
}

# Answers the body of an API call and fails unless its status is the expected one.
# call STATUS METHOD PATH [BODY]
call() {
  local answer
  answer=$(curl -s -w '\n%{http_code}' -X "$2" "$STOKER/api/v1$3" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' ${4:+-d "$4"})
  [ "${answer##*$'\n'}" = "$1" ] || fail "$2 $3 answered ${answer##*$'\n'}, not $1: ${answer%$'\n'*}"
  echo "${answer%$'\n'*}"
}

# wait_healthy CONTAINER: waits for health 200 at $STOKER and Docker's verdict on CONTAINER, then signs in.
wait_healthy() {
  local deadline=$((SECONDS + 300)) state
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$STOKER/api/v1/health" || true)" = 200 ]; do
    [ $SECONDS -lt $deadline ] || { docker logs --tail 40 "$1" >&2; fail "Stoker not healthy in 300 s"; }
    sleep 2
  done
  TOKEN=$(curl -s -XPOST "$STOKER/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [ -n "$TOKEN" ] || fail "sign-in as admin failed"
  # Docker's own health check (/api/v1/health inside the container) agrees
  until state=$(docker inspect -f '{{.State.Health.Status}}' "$1") && [ "$state" = healthy ]; do
    [ $SECONDS -lt $deadline ] || fail "container health is '$state', not healthy"
    sleep 2
  done
}

# A project archive with one script, imported as project plant's first commit; prints the commit.
import_commit() {
  local p=$WORK/project
  mkdir -p "$p/ignition/script-python/util"
  echo '{"title":"Plant","description":"","enabled":true,"inheritable":false,"parent":""}' >"$p/project.json"
  printf 'def hello():\n\treturn "hi"\n' >"$p/ignition/script-python/util/code.py"
  echo '{"scope":"A","version":1,"restricted":false,"overridable":true,"files":["code.py"],"attributes":{}}' \
    >"$p/ignition/script-python/util/resource.json"
  (cd "$p" && python3 -c "import shutil; shutil.make_archive('../project', 'zip', '.')")
  curl -s -o /dev/null -w '%{http_code}' -XPOST "$STOKER/api/v1/projects/plant/imports?message=first" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/zip' --data-binary @"$WORK/project.zip" \
    | grep -qx 201 || fail "importing the project archive did not commit"
  call 200 GET /projects/plant | sed -n 's/.*"head":"\([0-9a-f]*\)".*/\1/p'
}

# BACKUP → DESTROY → RESTORE (issue 18): a backup with the keys through the API (its database part a pg_dump made
# in the Stoker container), then `down -v` removes every container and volume (PostgreSQL's too). A fresh
# PostgreSQL comes up alone, the image's stoker-restore (docker-entrypoint stoker-restore) loads the archive into
# it and into new volumes, and the Stoker started on them has the projects, the commit, the secret and an intact
# audit chain.
backup_restore_roundtrip() {
  local passphrase="pass-$SECRET-phrase" name answer deadline=$((SECONDS + 120))
  # operations still settling after the restart refuse a backup (409): try again until they are done
  until answer=$(curl -s -w '\n%{http_code}' -XPOST "$STOKER/api/v1/admin/backups" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"includeKeys\":true,\"passphrase\":\"$passphrase\"}") \
    && [ "${answer##*$'\n'}" = 201 ]; do
    [ "${answer##*$'\n'}" = 409 ] && [ $SECONDS -lt $deadline ] || fail "backup answered ${answer##*$'\n'}: ${answer%$'\n'*}"
    sleep 2
  done
  echo "$answer" | grep -q '"database":"PostgreSQL"' || fail "the backup is not one of PostgreSQL: $answer"
  name=$(echo "$answer" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
  mkdir -p "$WORK/backup"
  curl -sf -o "$WORK/backup/$name" -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/admin/backups/$name" \
    || fail "downloading backup '$name' failed"
  chmod 644 "$WORK/backup/$name"
  log "backed up to $name ($(stat -c %s "$WORK/backup/$name") bytes); removing every container and volume"
  compose down -v
  ! docker volume ls -q | grep -q "^${PROJECT}_" || fail "volumes left after down -v: $(docker volume ls -q | grep "^${PROJECT}_")"
  compose up -d postgres
  until [ "$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q postgres)")" = healthy ]; do
    [ $SECONDS -lt $((deadline + 120)) ] || fail "the new PostgreSQL is not healthy"
    sleep 1
  done
  compose run --rm -v "$WORK/backup:/backup:ro" -e STOKER_BACKUP_PASSPHRASE="$passphrase" stoker \
    stoker-restore "/backup/$name" || fail "stoker-restore refused $name"
  compose up -d
  wait_healthy "$(compose ps -q stoker)"
  call 200 GET /projects/plant | grep -q "\"head\":\"$HEAD\"" \
    || fail "restored project plant lacks commit $HEAD: $(call 200 GET /projects/plant)"
  call 200 GET /projects/empty | grep -q '"without commits"' || fail "restored Stoker lacks project empty"
  call 200 POST /secrets/reveal '{"scope":"project:plant","path":"db/password"}' | grep -q "$SECRET" \
    || fail "restored Stoker cannot read the secret"
  call 200 GET /audit/verify | grep -q '"intact":true' || fail "audit chain after restore: $(call 200 GET /audit/verify)"
  log "backup, destroy, restore into fresh containers and volumes: projects, commit, secret and audit chain came back"
}

# A gateway from the emulator image, created by Stoker in its container through the host's Docker socket: RUNNING
# means the engine took Stoker's container spec (with the secret file from the shared lease folder) and Stoker
# reached the gateway's published port through host.docker.internal.
provision_gateway() {
  call 201 POST /secrets "{\"scope\":\"workspace\",\"path\":\"ignition/gateway-admin-password\",\"type\":\"password\",\"value\":\"gw-$SECRET\"}" >/dev/null
  local id state deadline=$((SECONDS + 240))
  id=$(call 202 POST /environments "{\"name\":\"$GATEWAY\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}" \
    | sed -n 's/.*"environment":{"id":"\([^"]*\)".*/\1/p')
  [ -n "$id" ] || fail "no environment id"
  until state=$(call 200 GET "/environments/$id" | sed -n 's/.*"state":"\([^"]*\)".*/\1/p' | head -n 1) && [ "$state" = RUNNING ]; do
    [ "$state" != FAILED ] || fail "the gateway failed: $(call 200 GET "/environments/$id")"
    [ $SECONDS -lt $deadline ] || fail "the gateway is $state after 240 s"
    sleep 2
  done
  call 202 DELETE "/environments/$id?volume=delete" >/dev/null
  until [ -z "$(docker ps -aq --filter "label=dev.stoker.name=$GATEWAY")" ]; do
    [ $SECONDS -lt $deadline ] || fail "the gateway's container is still there after 240 s"
    sleep 1
  done
  log "gateway $GATEWAY provisioned through the Docker socket and removed"
}

log "building the images"
platform-adapters/ignition-emulator/build-image.sh
karaf-assembly/build-image.sh
karaf-assembly/build-postgres-image.sh
check_systemd_unit

VERSION=$(basename karaf-assembly/target/stoker-*.tar.gz .tar.gz)
VERSION=${VERSION#stoker-}
ADMIN_PASSWORD="adm-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
cp -r docs/compose "$WORK/compose"
cat >"$WORK/compose/.env" <<ENV
STOKER_VERSION=$VERSION
STOKER_ADMIN_PASSWORD=$ADMIN_PASSWORD
STOKER_DB_PASSWORD=db-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')
DOCKER_GID=$(stat -c %g /var/run/docker.sock)
STOKER_HTTP_PUBLISH=$PORT
STOKER_HTTPS_PUBLISH=$((PORT + 1))
STOKER_HTTPS_BIND=127.0.0.1
STOKER_IGNITION_IMAGE=stoker/ignition-emulator
STOKER_LEASE_DIRECTORY=$WORK/leases
ENV
install -d -o 2100 -g 2100 -m 700 "$WORK/leases"
# an etc/ override, seen from outside as the session lifetime
printf 'sessionMinutes = 7\n' >"$WORK/compose/etc/dev.stoker.security.cfg"

log "docker-compose up ($PROJECT)"
compose up -d
wait_healthy "$(compose ps -q stoker)"

health=$(call 200 GET /health)
for component in '"database","status":"UP","detail":"PostgreSQL' '"runtime:local","status":"UP"'; do
  echo "$health" | grep -q "$component" || fail "health lacks $component: $health"
done
expires=$(curl -s -XPOST "$STOKER/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed -n 's/.*"expires_in":\([0-9]*\).*/\1/p')
[ "$expires" = 420 ] || fail "the etc/ override (sessionMinutes = 7) did not apply: expires_in $expires"
user=$(compose exec -T stoker id -u | tr -d '\r')
[ "$user" = 2100 ] || fail "Stoker runs as uid '$user', not the image's user stoker (2100)"
[ "$(docker top "$(compose ps -q stoker)" -o pid,uid,comm | awk 'NR > 1 && $3 == "java" { print $2 }')" = 2100 ] \
  || fail "the JVM does not run as uid 2100: $(docker top "$(compose ps -q stoker)" -o pid,uid,comm)"
[ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$((PORT + 1))/api/v1/health")" = 200 ] \
  || fail "HTTPS on port $((PORT + 1)) does not answer"

log "creating a project with a commit, one without, and a secret"
call 201 POST /projects '{"name":"plant","platform":"ignition","description":"made in the image test"}' >/dev/null
HEAD=$(import_commit)
[ -n "$HEAD" ] || fail "project plant has no commit after the import"
call 201 POST /projects '{"name":"empty","platform":"ignition","description":"without commits"}' >/dev/null
SECRET="s-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
call 201 POST /secrets "{\"scope\":\"project:plant\",\"path\":\"db/password\",\"type\":\"password\",\"value\":\"$SECRET\"}" >/dev/null

provision_gateway

log "new containers on the same volumes"
compose down
docker volume ls -q | grep -qx "${PROJECT}_stoker-data" || fail "volume ${PROJECT}_stoker-data is gone"
compose up -d
wait_healthy "$(compose ps -q stoker)"
call 200 GET /projects/plant | grep -q '"made in the image test"' || fail "project plant lost"
revealed=$(call 200 POST /secrets/reveal '{"scope":"project:plant","path":"db/password"}')
echo "$revealed" | grep -q "$SECRET" || fail "secret lost or not readable with the key from the volume: $revealed"
backup_restore_roundtrip
log "passed: image $(docker image ls --format '{{.Size}}' "stoker/stoker:$VERSION"), project and secret kept on the volumes and restored from a backup"
