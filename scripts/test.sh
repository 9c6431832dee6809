#!/usr/bin/env bash
# Runs every test of Stoker on a fresh machine: installs and starts what the tests need
# (PostgreSQL, a Docker engine, the emulator images, Chromium), then builds everything and runs unit,
# container, integration (Pax Exam) and browser end-to-end tests. Idempotent; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "== test: $*" >&2; }

need=()
command -v mvn >/dev/null || need+=(maven)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v busybox >/dev/null || need+=(busybox-static)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v prometheus >/dev/null || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

log "PostgreSQL"
eval "$(scripts/ensure-postgres.sh)"
log "VictoriaMetrics"
eval "$(scripts/ensure-victoria-metrics.sh)"
log "Docker engine"
platform-adapters/ignition-emulator/ensure-docker.sh
log "emulator images"
platform-adapters/ignition-emulator/build-image.sh

log "API baseline: the last release's dev.stoker.api, built from its git tag"
# shellcheck disable=SC2207 # the flags are words without spaces
baseline=($(scripts/baseline-release.sh))
log "build and test"
mvn -B -ntp install -Dstoker.docker.tests=true "${baseline[@]}" "$@"
log "Stoker's and PostgreSQL's images under docker-compose, the systemd unit"
scripts/image-test.sh
log "crash test: kill -9 mid-provisioning, restart, no orphan"
scripts/kill9-test.sh
log "backup and restore end to end: back up, wipe, restore into a fresh unpack, all back, environment adopted"
scripts/backup-test.sh
log "upgrade from the last release's data (its distribution is built from the tag once, then cached)"
scripts/upgrade-test.sh
log "pipeline end to end: validate, deploy, approval, promotion, automatic rollback"
scripts/pipeline-test.sh
log "alerts end to end: a gateway stops answering, its alert fires as a signed webhook, then resolves"
scripts/alert-test.sh
log "browser end-to-end tests against the distribution"
scripts/e2e.sh
log "all tests passed"
