#!/usr/bin/env bash
# Runs Stoker on embedded defaults (H2 database, embedded Artemis broker under data/).
# Builds the distribution first when it is missing or older than the sources.
# Prints the API and console addresses and where the first admin password is; Ctrl-C stops Stoker.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIST=$ROOT/karaf-assembly/target/assembly
PORT=${STOKER_HTTP_PORT:-8181}

newest_source=$(find pom.xml bundles features karaf-assembly/src karaf-assembly/pom.xml platform-adapters web \
  -path '*/target' -prune -o -path '*/node_modules' -prune -o -type f -newer "$DIST/bin/karaf" -print -quit 2>/dev/null || true)
if [ ! -x "$DIST/bin/karaf" ] || [ -n "$newest_source" ]; then
  echo "Building Stoker (first time takes a few minutes)..."
  mvn -B -ntp -q install -DskipTests
fi

if curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" 2>/dev/null; then
  echo "Something already answers on port $PORT; stop it first (or $DIST/bin/stop)." >&2
  exit 1
fi

"$DIST/bin/karaf" server >"$DIST/stoker.out" 2>&1 &
pid=$!
trap '"$DIST/bin/stop" >/dev/null 2>&1 || kill $pid; wait $pid 2>/dev/null; exit 0' INT TERM

for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/health" || true)
  [ "$code" = 200 ] && break
  kill -0 $pid 2>/dev/null || { echo "Stoker exited; see $DIST/data/log/karaf.log" >&2; exit 1; }
  sleep 1
done

cat <<TXT

Stoker is running (Ctrl-C stops it).
  Console : http://127.0.0.1:$PORT/console/
  API     : http://127.0.0.1:$PORT/api/v1   (OpenAPI: /api/v1/openapi.json, health: /api/v1/health)
  Explorer: http://127.0.0.1:$PORT/api/docs/ (Swagger UI; open it from the console to use your session)
  HTTPS   : https://127.0.0.1:8443/console/  (self-signed certificate made at first start: etc/keys/https.p12)
  Sign in : user "admin", password in $DIST/data/initial-admin-password
            (written on first start; set STOKER_ADMIN_PASSWORD before the first start to choose it)
  Logs    : $DIST/data/log/karaf.log
TXT
wait $pid
