#!/usr/bin/env bash
# Browser end-to-end tests of the console against the real distribution: unpacks the built tar.gz into a
# temporary folder, points the Ignition adapter at the locally built emulator image, starts Stoker, runs
# web/e2e/console.e2e.mjs in Debian's Chromium (playwright-core), then stops Stoker and removes the folder.
# Needs: the build (mvn install), a Docker engine with stoker/ignition-emulator images, chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
log() { echo "== e2e: $*" >&2; }

if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
fi

WORK=$(mktemp -d)
PORT=${E2E_PORT:-18281}
BROKER=${E2E_BROKER_PORT:-18616}
cleanup() {
  [ -x "$WORK/stoker/bin/stop" ] && "$WORK/stoker/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do pgrep -f "karaf.base=$WORK/stoker" >/dev/null || break; sleep 1; done
  pkill -9 -f "karaf.base=$WORK/stoker" 2>/dev/null || true
  # a failed run may leave its gateway behind: remove what the browser test created
  docker ps -aq --filter label=dev.stoker.name=e2e-gw | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q | grep '^stoker-e2e-gw-' | xargs -r docker volume rm >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir "$WORK/stoker"
tar xzf karaf-assembly/target/stoker-*.tar.gz -C "$WORK/stoker" --strip-components=1
D=$WORK/stoker
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$D/etc/org.ops4j.pax.web.cfg"
printf 'imageRepository83 = stoker/ignition-emulator\nimageRepository81 = stoker/ignition-emulator\n' >>"$D/etc/dev.stoker.adapter.ignition.cfg"
echo "brokerUrl = tcp://127.0.0.1:$BROKER" >>"$D/etc/dev.stoker.environments.cfg"
echo "brokerUrl = tcp://127.0.0.1:$BROKER" >>"$D/etc/dev.stoker.integrations.cfg"
echo "stoker.broker.port = $BROKER" >>"$D/etc/system.properties"
# distinct management/ssh ports so that a Stoker already running here does not collide
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = 11199/; s/^rmiServerPort *=.*/rmiServerPort = 44454/" "$D/etc/org.apache.karaf.management.cfg"
sed -i "s/^sshPort *=.*/sshPort = 18111/" "$D/etc/org.apache.karaf.shell.cfg"

PASSWORD="e2e-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
log "starting Stoker on port $PORT"
STOKER_ADMIN_PASSWORD=$PASSWORD "$D/bin/karaf" server >"$WORK/stoker.out" 2>&1 &
for i in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/health" || true)" = 200 ] && break
  [ "$i" = 240 ] && { log "Stoker not healthy in 240 s"; tail -50 "$D/data/log/karaf.log"; exit 1; }
  sleep 1
done
log "the admin needs a gateway password secret for environments"
TOKEN=$(curl -s -XPOST "http://127.0.0.1:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/secrets" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"scope\":\"workspace\",\"path\":\"ignition/gateway-admin-password\",\"type\":\"password\",\"value\":\"$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')x\"}" >/dev/null

[ -d web/node_modules ] || npm --prefix web ci --no-audit --no-fund
log "running the browser tests"
STOKER_URL="http://127.0.0.1:$PORT" STOKER_ADMIN_PASSWORD=$PASSWORD npm --prefix web run --silent e2e
log "passed; screenshots in web/target/screenshots/"
