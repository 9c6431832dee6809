#!/usr/bin/env bash
# Telemetry benchmark: the telemetry service as it runs in Stoker (poller, board, Prometheus exposition,
# sample writer, the embedded metrics store on H2) polls in-process gateway stubs (not containers: one JDK
# HTTP server on 127.0.0.1 answering /StatusPing and /data/api/v1/overview like an Ignition 8.3 gateway, a
# path per gateway) every INTERVAL seconds, for fleets of GATEWAYS sizes. Prints, per size: polls done per
# round, the process CPU per round, gateways per core at that interval (goal >= 1,000 per core at 10 s) and
# the resident memory grown per 100 gateways. Figures only, no timed assertions.
# Needs: the build (mvn install -DskipTests of bundles/dev.stoker.telemetry and what it depends on).
#   GATEWAYS="250 500 1000 2000"  INTERVAL=10  ROUNDS=2  THREADS=32 (pollThreads)  MVN_ARGS="-o -Dmaven.repo.local=..."
set -euo pipefail
cd "$(dirname "$0")/.."
GATEWAYS=${GATEWAYS:-250 500 1000 2000}
INTERVAL=${INTERVAL:-10}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-32}
# shellcheck disable=SC2086 # MVN_ARGS are words
mvn -q ${MVN_ARGS:-} -pl bundles/dev.stoker.telemetry test -Dtest=TelemetryBenchTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dstoker.bench=true -Dstoker.bench.gateways="$GATEWAYS" \
  -Dstoker.bench.interval="$INTERVAL" -Dstoker.bench.rounds="$ROUNDS" -Dstoker.bench.threads="$THREADS" -DtrimStackTrace=false \
  -Dsurefire.useFile=false -DredirectTestOutputToFile=false 2>&1 | grep -v '^\[' || true
