#!/usr/bin/env bash
# Upgrade end to end: builds (or takes from target/releases/, cached by commit) the distribution of the last release
# tag, starts it, creates a project, a secret, a user and audit rows, stops it, then upgrades as docs/admin.md says
# (a fresh unpack of the current build, Stoker's folders of data/ and etc/keys copied over, Karaf's bundle cache
# not) and starts the current build on that data: everything is there and usable and the audit chain is intact.
# Needs the current build (mvn install first).
# Exit code 0 = passed. Removes everything it created.
#   UPGRADE_FROM=<tag> (default: the newest release tag); extra arguments go to mvn when the tag is built.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
PORT=${UPGRADE_TEST_PORT:-18531}
BROKER_PORT=${UPGRADE_TEST_BROKER_PORT:-18546}
. scripts/lib/stoker-instance.sh

log() { echo "upgrade-test: $(date +%T) $*" >&2; }
fail() { log "FAILED: $*"; [ -f "$WORK/stoker/data/log/karaf.log" ] && tail -40 "$WORK/stoker/data/log/karaf.log" >&2; exit 1; }
cleanup() {
  set +e
  stoker_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

J='Content-Type: application/json'
api() { curl -s -H "Authorization: Bearer $TOKEN" -H "$J" "$@"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

. scripts/lib/last-release.sh
read -r from version < <(last_release) || true
from=${UPGRADE_FROM:-${from:-}}
[ -n "$from" ] || fail "no release to upgrade from: no tag, and RELEASES names no commit this clone holds"
log "the distribution of $from"
OLD_DIST=$(RELEASE_VERSION=${version:-${from#v}} scripts/release-dist.sh "$from" "$@" | tail -1)
CURRENT_DIST=$(ls karaf-assembly/target/stoker-*.tar.gz | head -n 1)

log "starting $from"
DIST=$OLD_DIST STOKER_OLD_RELEASE=1 stoker_start
api -XPOST "$STOKER/api/v1/projects" -d '{"name":"plant","platform":"ignition"}' | grep -q '"plant"' \
  || fail "project not created on $from"
VALUE="kept-$RANDOM$RANDOM"
api -XPOST "$STOKER/api/v1/secrets" \
  -d "{\"scope\":\"workspace\",\"path\":\"upgrade/kept\",\"type\":\"password\",\"value\":\"$VALUE\"}" >/dev/null
api -XPOST "$STOKER/api/v1/users" -d '{"username":"eve","role":"engineer","password":"Engineer-pass-12345!"}' >/dev/null
before=$(api "$STOKER/api/v1/audit?limit=1" | field '["total"]')
log "$from holds a project, a secret, a user and $before audit rows; stopping it"
stoker_stop

log "upgrading: a fresh unpack of the current build, Stoker's data and keys copied over"
mv "$WORK/stoker" "$WORK/old"
DIST=$CURRENT_DIST stoker_unpack
for d in stoker repos blobs artemis backups; do
  [ -d "$WORK/old/data/$d" ] && cp -a "$WORK/old/data/$d" "$D/data/"
done
cp -a "$WORK/old/etc/keys" "$D/etc/"
stoker_launch
stoker_check_one_resolution

log "checking the data on the current build"
api "$STOKER/api/v1/projects/plant" | grep -q '"plant"' || fail "project plant is missing"
value=$(api -XPOST "$STOKER/api/v1/secrets/reveal" -d '{"scope":"workspace","path":"upgrade/kept"}' | field '["value"]')
[ "$value" = "$VALUE" ] || fail "the secret reveals '$value'"
curl -s -XPOST "$STOKER/api/v1/auth/token" -H "$J" -d '{"username":"eve","password":"Engineer-pass-12345!"}' \
  | grep -q access_token || fail "user eve cannot sign in"
api -XPOST "$STOKER/api/v1/projects" -d '{"name":"after","platform":"ignition"}' | grep -q '"after"' \
  || fail "no new project on the upgraded data"
verify=$(api "$STOKER/api/v1/audit/verify")
echo "$verify" | grep -q '"intact":true' || fail "audit chain: $verify"
after=$(api "$STOKER/api/v1/audit?limit=1" | field '["total"]')
[ "$after" -gt "$before" ] || fail "audit rows: $after after, $before before"
log "PASSED: $from's project, secret, user and audit chain ($verify) work on the current build"
