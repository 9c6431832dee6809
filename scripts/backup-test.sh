#!/usr/bin/env bash
# Backup and restore end to end, on the built distribution (mvn install first), a Docker engine and the emulator
# image: start Stoker, create a project, a secret and an environment, check that only admins may back up and that
# bad requests are refused, back up with the keys, stop and wipe the install, check that a wrong passphrase, a
# truncated archive and an archive with '..' names are refused without writing anything, restore into a fresh
# unpack, start it and find the project, the secret (same value), the environment adopted (one container, not
# two) and the audit chain intact. On the way, the request id of the environment's request is followed into the
# worker's JSON log lines and the audit rows. Exit code 0 = passed. Removes everything it created.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
PORT=${BACKUP_TEST_PORT:-18501}
BROKER_PORT=${BACKUP_TEST_BROKER_PORT:-18516}
NAME=bk-$$
PASSPHRASE="backup-pass-$RANDOM-$RANDOM"
REQUEST_ID="bk-req-$$-$RANDOM"
# JSON lines logs on, to follow a request id from the HTTP request into the environment's worker
STOKER_SYSTEM_PROPERTIES="karaf.log.json = INFO"
. scripts/lib/stoker-instance.sh

log() { echo "backup-test: $(date +%T) $*" >&2; }
fail() { log "FAILED: $*"; [ -f "$WORK/stoker/data/log/karaf.log" ] && tail -40 "$WORK/stoker/data/log/karaf.log" >&2; exit 1; }

cleanup() {
  set +e
  if [ -n "${ENV_ID:-}" ] && [ -n "$(stoker_pid)" ]; then
    api -XDELETE "$STOKER/api/v1/environments/$ENV_ID?volume=delete" >/dev/null
    for _ in $(seq 1 60); do
      [ -z "$(docker ps -aq --filter "label=dev.stoker.environment=$ENV_ID")" ] && break
      sleep 0.5
    done
  fi
  stoker_stop
  docker ps -aq --filter "label=dev.stoker.name=$NAME" | xargs -r docker rm -f >/dev/null 2>&1
  docker volume ls -q --filter "label=dev.stoker.name=$NAME" | xargs -r docker volume rm >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

J='Content-Type: application/json'
api() { curl -s -H "Authorization: Bearer $TOKEN" -H "$J" "$@"; }
code() { curl -s -o "$WORK/answer" -w '%{http_code}' -H "$J" "$@"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
containers_of() { docker ps -aq --filter "label=dev.stoker.environment=$1" | wc -l; }
state_of() { api "$STOKER/api/v1/environments/$1" | field '["state"]'; }

log "starting Stoker"
stoker_start

log "a project, a secret, an environment"
api -XPOST "$STOKER/api/v1/projects" -d '{"name":"plant","platform":"ignition"}' | grep -q '"plant"' \
  || fail "project not created"
SECRET_VALUE="s3cret-$RANDOM$RANDOM"
[ "$(code -H "Authorization: Bearer $TOKEN" -XPOST "$STOKER/api/v1/secrets" \
  -d "{\"scope\":\"workspace\",\"path\":\"backup/kept\",\"type\":\"password\",\"value\":\"$SECRET_VALUE\"}")" = 201 ] \
  || fail "secret not created: $(cat "$WORK/answer")"
answer=$(api -D "$WORK/headers" -H "X-Request-Id: $REQUEST_ID" -XPOST "$STOKER/api/v1/environments" \
  -d "{\"name\":\"$NAME\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}")
ENV_ID=$(echo "$answer" | field '["environment"]["id"]') || fail "environment refused: $answer"
grep -qi "^x-request-id: $REQUEST_ID" "$WORK/headers" || fail "the answer does not carry the request id"
deadline=$(( $(date +%s) + 240 ))
while [ "$(state_of "$ENV_ID")" != RUNNING ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "environment not RUNNING: $(api "$STOKER/api/v1/environments/$ENV_ID")"
  sleep 1
done
# the operation that created it must be done before a backup is taken (its queue is not backed up)
for _ in $(seq 1 60); do
  api "$STOKER/api/v1/operations?target=$ENV_ID" | grep -q '"status":"\(QUEUED\|RUNNING\)"' || break
  sleep 1
done

log "the request id reached the worker's log lines (JSON) and the audit rows"
python3 - "$D/data/log/karaf.json.log" "$REQUEST_ID" <<'PY' || fail "request id not followed into the worker's JSON log lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]   # every line is one JSON object
mine = [l for l in lines if l.get("requestId") == sys.argv[2]]
worker = [l for l in mine if l["log.logger"].endswith("EnvironmentStore") and "-> RUNNING" in l["message"]]
print(f"  {len(lines)} JSON log lines, {len(mine)} for the request, e.g. {worker[0] if worker else None}", file=sys.stderr)
sys.exit(0 if worker else 1)
PY
api "$STOKER/api/v1/audit?actor=admin&action=POST%20/api/v1/environments" | grep -q "request $REQUEST_ID" \
  || fail "the audit rows of the request do not name its id"

log "only admins back up; bad requests are refused"
api -XPOST "$STOKER/api/v1/users" -d '{"username":"eve","role":"engineer","password":"Engineer-pass-12345!"}' >/dev/null
ENGINEER=$(curl -s -XPOST "$STOKER/api/v1/auth/token" -H "$J" \
  -d '{"username":"eve","password":"Engineer-pass-12345!"}' | field '["access_token"]')
for method in POST GET; do
  c=$(code -H "Authorization: Bearer $ENGINEER" -X$method "$STOKER/api/v1/admin/backups" -d '{}')
  [ "$c" = 403 ] || fail "an engineer's $method /admin/backups answered $c"
done
c=$(code -X POST "$STOKER/api/v1/admin/backups" -d '{}')
[ "$c" = 401 ] || fail "an anonymous backup answered $c"
c=$(code -H "Authorization: Bearer $TOKEN" -XPOST "$STOKER/api/v1/admin/backups" \
  -d '{"includeKeys":true,"passphrase":"short"}')
[ "$c" = 400 ] && grep -q '"field":"passphrase"' "$WORK/answer" || fail "a short passphrase answered $c: $(cat "$WORK/answer")"
c=$(code -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/admin/backups/..%2Fstoker%2Fdb.password")
[ "$c" = 404 ] || [ "$c" = 400 ] || fail "a download outside the backups answered $c"

log "backing up with the keys"
c=$(code -H "Authorization: Bearer $TOKEN" -XPOST "$STOKER/api/v1/admin/backups" \
  -d "{\"includeKeys\":true,\"passphrase\":\"$PASSPHRASE\"}")
[ "$c" = 201 ] || fail "backup answered $c: $(cat "$WORK/answer")"
BACKUP=$(field '["name"]' <"$WORK/answer")
api "$STOKER/api/v1/admin/backups" | grep -q "\"$BACKUP\"" || fail "the backup is not listed"
api -o "$WORK/backup.zip" "$STOKER/api/v1/admin/backups/$BACKUP"
# listed once into a variable: piped straight into grep -q, unzip gets SIGPIPE when grep stops at an early
# match, and pipefail turns that into a failure
listing=$(unzip -l "$WORK/backup.zip")
grep -q 'keys.sealed' <<<"$listing" || fail "the downloaded archive holds no keys"
grep -q 'data/repos/plant' <<<"$listing" || fail "the downloaded archive holds no repository: $listing"
log "backup $BACKUP: $(stat -c %s "$WORK/backup.zip") bytes"

log "stopping Stoker and wiping the install (the environment's container keeps running)"
stoker_stop
rm -rf "$WORK/stoker"
stoker_unpack

log "bad archives and a wrong passphrase are refused, nothing is written"
refused() {
  local rc=0
  "$D/bin/stoker-restore" "$@" >"$WORK/restore.out" 2>&1 || rc=$?
  [ "$rc" = 2 ] || fail "restore $* exited $rc: $(cat "$WORK/restore.out")"
  [ ! -e "$D/data/stoker" ] && [ ! -e "$D/etc/keys/master.key" ] || fail "restore $* wrote into the install"
  log "  refused: $(cat "$WORK/restore.out")"
}
echo "not-the-passphrase" >"$WORK/wrong"
refused --passphrase-file "$WORK/wrong" "$WORK/backup.zip"
refused "$WORK/backup.zip"
head -c $(( $(stat -c %s "$WORK/backup.zip") / 2 )) "$WORK/backup.zip" >"$WORK/truncated.zip"
refused --passphrase-file "$WORK/wrong" "$WORK/truncated.zip"
python3 - "$WORK/evil.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('etc/../../evil.cfg', 'x')
    z.writestr('stoker-backup.properties', 'format=1\n')
PY
refused "$WORK/evil.zip"
[ ! -e "$WORK/evil.cfg" ] || fail "the '..' entry was written"

log "restoring into the fresh unpack"
echo "$PASSPHRASE" >"$WORK/passphrase"
"$D/bin/stoker-restore" --passphrase-file "$WORK/passphrase" "$WORK/backup.zip" || fail "restore failed"
stoker_launch

log "checking what came back"
api "$STOKER/api/v1/projects/plant" | grep -q '"plant"' || fail "project plant is missing: $(api "$STOKER/api/v1/projects/plant")"
value=$(api -XPOST "$STOKER/api/v1/secrets/reveal" -d '{"scope":"workspace","path":"backup/kept"}' | field '["value"]')
[ "$value" = "$SECRET_VALUE" ] || fail "the secret reveals '$value'"
# give the reconciler time for a round or two: the container must be adopted, never a second one made
deadline=$(( $(date +%s) + 30 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  [ "$(state_of "$ENV_ID")" = RUNNING ] || fail "the environment is $(state_of "$ENV_ID") after the restore"
  [ "$(containers_of "$ENV_ID")" = 1 ] || fail "$(containers_of "$ENV_ID") containers for the environment"
  sleep 3
done
api "$STOKER/api/v1/environments" | python3 -c "import json,sys; d=json.load(sys.stdin); n=[e for e in d['items'] if e['spec']['name']=='$NAME']; sys.exit(0 if len(n)==1 else 1)" \
  || fail "the environment is listed more than once"
api "$STOKER/api/v1/environments/orphans" | grep -q "stoker-$NAME-" && fail "orphan containers after the restore"
verify=$(api "$STOKER/api/v1/audit/verify")
echo "$verify" | grep -q '"intact":true' || fail "audit chain: $verify"
log "PASSED: project, secret, environment (one container) and an intact audit chain ($verify) came back"
