#!/usr/bin/env bash
# Time from POST /api/v1/environments to RUNNING (the operation's `done` event on its server-sent event
# stream, as the console sees it), against `docker run` of the same image and container (ports, data volume,
# password file; see docker_one) plus polling /StatusPing to a plain RUNNING (commissioned), for one gateway
# and for ten at once, in the same run.
# Prints medians and ratios. Goal: <= 1.10 for one, <= 1.20 for ten. One gateway: after one warm-up on
# each side (Stoker's first request loads and compiles its code paths), the median of three. Every
# measurement starts from the same host: the gateways of the one before are removed first.
# Needs: the build (mvn install), a Docker engine, the emulator image (platform-adapters/ignition-emulator/build-image.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${BENCH_IMAGE:-stoker/ignition-emulator:8.3.4}
VERSION=${IMAGE##*:}
WORK=$(mktemp -d)
PORT=${BENCH_PORT:-18381}
RUN=bench$$
. scripts/lib/stoker-instance.sh
cleanup() {
  docker ps -aq --filter "label=bench.run=$RUN" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=bench.run=$RUN" | xargs -r docker volume rm >/dev/null 2>&1 || true
  for id in $(curl -s -H "Authorization: Bearer ${TOKEN:-}" "${STOKER:-http://127.0.0.1:$PORT}/api/v1/environments?limit=500" \
      | grep -o '"id":"[^"]*","spec":{"name":"'"$RUN"'[^"]*"' | sed 's/"id":"\([^"]*\)".*/\1/'); do
    curl -s -XDELETE -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/environments/$id?volume=delete" >/dev/null || true
  done
  sleep 5
  stoker_stop
  docker ps -aq --filter "label=dev.stoker.name" --filter "name=stoker-$RUN" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q | grep "^stoker-$RUN" | xargs -r docker volume rm >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# Baseline: the same gateway container by hand. BASELINE=same (the figures the goals apply to) publishes the
# four ports Stoker's Ignition profile publishes (http, https, gan, opcua) on a named data volume, as Stoker
# does; BASELINE=minimal publishes 8088 only on the container's own file system (printed for reference).
# Both pass the admin password as a _FILE mount and poll /StatusPing every 100 ms.
docker_one() {
  local name=$1 start port extra=()
  start=$(now_ms)
  printf 'bench-password\n' >"$WORK/$name.pw" && chmod 444 "$WORK/$name.pw"
  if [ "${BASELINE:-same}" = same ]; then
    docker volume create --label "bench.run=$RUN" "$name-data" >/dev/null
    extra=(-p 0:8043 -p 0:8060 -p 0:62541 -v "$name-data:/usr/local/bin/ignition/data")
  fi
  docker run -d --name "$name" --label "bench.run=$RUN" -p 0:8088 ${extra[@]+"${extra[@]}"} -e ACCEPT_IGNITION_EULA=Y \
    -e GATEWAY_ADMIN_PASSWORD_FILE=/run/pw -v "$WORK/$name.pw:/run/pw:ro" "$IMAGE" >/dev/null
  port=$(docker port "$name" 8088/tcp | head -1 | sed 's/.*://')
  until curl -s "http://127.0.0.1:$port/StatusPing" | grep -q '^{"state":"RUNNING"}$'; do sleep 0.1; done
  echo $(( $(now_ms) - start ))
}

# Stoker's side waits as its console does: on the operation's server-sent events, until the `done` event.
stoker_one() {
  local name=$1 start answer op
  start=$(now_ms)
  answer=$(curl -s -XPOST "$STOKER/api/v1/environments" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"platform\":\"ignition\",\"version\":\"$VERSION\",\"stage\":\"dev\"}")
  op=$(echo "$answer" | grep -o '"operation":{"id":"[^"]*"' | sed 's/.*"id":"\([^"]*\)"/\1/')
  [ -n "$op" ] || { echo "request for $name refused: $answer" >&2; return 1; }
  curl -sN --max-time 300 -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/operations/$op/events" \
    | grep -m1 -A1 '^event: done' | grep -q '"status":"SUCCEEDED"' \
    || { echo "$name did not reach RUNNING: $(curl -s -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/operations/$op")" >&2; return 1; }
  echo $(( $(now_ms) - start ))
}

# Each measurement starts from the same host: the gateways of the previous one are removed first.
docker_gone() {
  docker ps -aq --filter "label=bench.run=$RUN" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=bench.run=$RUN" | xargs -r docker volume rm >/dev/null 2>&1 || true
}
stoker_gone() {
  local ids id i
  ids=$(curl -s -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/environments?limit=500" \
    | grep -o '"id":"[^"]*","spec":{"name":"'"$RUN"'[^"]*"' | sed 's/"id":"\([^"]*\)".*/\1/')
  for id in $ids; do
    curl -s -XDELETE -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/environments/$id?volume=delete" >/dev/null
  done
  for i in $(seq 1 600); do
    [ -z "$(docker ps -aq --filter "name=stoker-$RUN")" ] && [ -z "$(docker volume ls -q | grep "^stoker-$RUN")" ] \
      && return 0
    sleep 0.1
  done
  echo "environments of $RUN not gone after 60 s" >&2; return 1
}

parallel() { # fn prefix count -> one figure per line; fails unless every one of them succeeded
  local fn=$1 prefix=$2 n=$3 i got
  for i in $(seq 1 "$n"); do "$fn" "$prefix$i" >"$WORK/t-$prefix$i" & done
  wait
  got=$(cat "$WORK"/t-"$prefix"* | grep -c '^[0-9][0-9]*$' || true)
  [ "$got" = "$n" ] || { echo "only $got of $n gateways ($prefix) came up" >&2; return 1; }
  cat "$WORK"/t-"$prefix"*
}

echo "starting Stoker"
stoker_start
echo "one gateway: a warm-up each, then three each, alternating"
docker_one "$RUN-dw" >/dev/null; docker_gone
stoker_one "$RUN-sw" >/dev/null; stoker_gone
for i in 1 2 3; do
  docker_one "$RUN-d1$i" >>"$WORK/one-docker"; docker_gone
  stoker_one "$RUN-s1$i" >>"$WORK/one-stoker"; stoker_gone
  BASELINE=minimal docker_one "$RUN-m1$i" >>"$WORK/one-minimal"; docker_gone
done
d1=$(median <"$WORK/one-docker")
m1=$(median <"$WORK/one-minimal")
s1=$(median <"$WORK/one-stoker")
echo "ten gateways at once"
d10=$(parallel docker_one "$RUN-dd" 10 | median); docker_gone
s10=$(parallel stoker_one "$RUN-ss" 10 | median)
awk -v d1="$d1" -v m1="$m1" -v s1="$s1" -v d10="$d10" -v s10="$s10" 'BEGIN {
  printf "one:  docker run median %d ms, stoker median %d ms, ratio %.2f (goal <= 1.10)\n", d1, s1, s1 / d1
  printf "      (minimal docker run, 8088 only and no volume: median %d ms, ratio %.2f)\n", m1, s1 / m1
  printf "ten:  docker run median %d ms, stoker median %d ms, ratio %.2f (goal <= 1.20)\n", d10, s10, s10 / d10 }'
