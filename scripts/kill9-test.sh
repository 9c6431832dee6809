#!/usr/bin/env bash
# Crash test: kill -9 Stoker while an environment is being provisioned, start it again, and check that the
# environment ends RUNNING (or FAILED, with a reason) with exactly one container (none when FAILED), no
# orphan, and an operation that is not left hanging. Runs on the assembled distribution (mvn install first),
# a Docker engine and the emulator image. Exit code 0 = passed. Removes everything it created.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
PORT=${KILL9_PORT:-18391}
BROKER_PORT=${KILL9_BROKER_PORT:-18626}
BASE=k9-$$
NAME=$BASE
. scripts/lib/stoker-instance.sh

log() { echo "kill9-test: $(date +%T) $*" >&2; }
fail() { log "FAILED: $*"; [ -f "$WORK/stoker/data/log/karaf.log" ] && tail -40 "$WORK/stoker/data/log/karaf.log" >&2; exit 1; }

cleanup() {
  set +e
  if [ -n "${ENV_ID:-}" ] && [ -n "$(stoker_pid)" ]; then
    curl -s -XDELETE -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/environments/$ENV_ID?volume=delete" >/dev/null
    for _ in $(seq 1 60); do
      [ -z "$(docker ps -aq --filter "label=dev.stoker.environment=$ENV_ID")" ] && break
      sleep 0.5
    done
  fi
  stoker_stop
  for n in "$BASE-1" "$BASE-2" "$BASE-3"; do
    docker ps -aq --filter "label=dev.stoker.name=$n" | xargs -r docker rm -f >/dev/null 2>&1
    docker volume ls -q --filter "label=dev.stoker.name=$n" | xargs -r docker volume rm >/dev/null 2>&1
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

api() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }
state_of() { api "$STOKER/api/v1/environments/$1" | field state; }
containers_of() { docker ps -aq --filter "label=dev.stoker.environment=$1" | wc -l; }

log "starting Stoker"
stoker_start

killed_in=""
for attempt in 1 2 3; do
  body="{\"name\":\"$BASE-$attempt\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}"
  answer=$(api -XPOST "$STOKER/api/v1/environments" -H 'Content-Type: application/json' -d "$body")
  id=$(echo "$answer" | sed -n 's/.*"environment":{"id":"\([^"]*\)".*/\1/p')
  [ -n "$id" ] || fail "create refused: $answer"
  ENV_ID=$id
  NAME=$BASE-$attempt
  # kill as soon as the worker is at it: after the request, before the gateway is ready
  deadline=$(( $(date +%s) + 60 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    s=$(state_of "$id")
    case "$s" in
      PROVISIONING|STARTING)
        pid=$(stoker_pid)
        [ -n "$pid" ] || fail "no Stoker process to kill"
        kill -9 "$pid"
        killed_in=$s
        break
        ;;
      RUNNING|FAILED|DESTROYED) break ;;
    esac
    sleep 0.05
  done
  [ -n "$killed_in" ] && break
  log "attempt $attempt reached $s before the kill; trying again"
  api -XDELETE "$STOKER/api/v1/environments/$id?volume=delete" >/dev/null
  ENV_ID=""
done
[ -n "$killed_in" ] || fail "could not catch an environment mid-provisioning in 3 attempts"
for _ in $(seq 1 50); do [ -z "$(stoker_pid)" ] && break; sleep 0.1; done
[ -z "$(stoker_pid)" ] || fail "Stoker still runs after kill -9"
log "killed Stoker (kill -9) while $ENV_ID was $killed_in; containers of it now: $(containers_of "$ENV_ID")"

log "starting Stoker again"
stoker_launch
final=""
deadline=$(( $(date +%s) + 240 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  final=$(state_of "$ENV_ID")
  [ "$final" = RUNNING ] || [ "$final" = FAILED ] && break
  sleep 0.5
done
env_json=$(api "$STOKER/api/v1/environments/$ENV_ID")
n=$(containers_of "$ENV_ID")
case "$final" in
  RUNNING)
    [ "$n" = 1 ] || fail "RUNNING with $n containers"
    http=$(echo "$env_json" | sed -n 's/.*"http":"\([^"]*\)".*/\1/p')
    curl -s "$http/StatusPing" | grep -q '^{"state":"RUNNING"}$' || fail "the gateway at $http is not RUNNING"
    ;;
  FAILED)
    [ "$n" = 0 ] || fail "FAILED but $n containers left"
    echo "$env_json" | grep -q '"stateReason":"[^"]' || fail "FAILED without a reason"
    ;;
  *) fail "the environment ended $final: $env_json" ;;
esac
ops=$(api "$STOKER/api/v1/operations?target=$ENV_ID")
echo "$ops" | grep -q '"status":"\(QUEUED\|RUNNING\)"' && fail "an operation is left hanging: $ops"
orphans=$(api "$STOKER/api/v1/environments/orphans")
echo "$orphans" | grep -q "stoker-$NAME-" && fail "orphan containers: $orphans"
log "PASSED: killed while $killed_in, after the restart $final with $n container(s), no orphan"
