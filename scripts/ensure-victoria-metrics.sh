#!/usr/bin/env bash
# Makes Debian's VictoriaMetrics (package victoria-metrics) available for the tests, idempotently: installs
# the package when the binary is missing. The tests start their own server on a free 127.0.0.1 port with
# a temporary data folder (the packaged service is not used). Prints the environment the tests read,
# e.g.  eval "$(scripts/ensure-victoria-metrics.sh)"
set -euo pipefail
log() { echo "ensure-victoria-metrics: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

bin=/usr/bin/victoria-metrics
if [ ! -x "$bin" ]; then
  log "installing victoria-metrics"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq victoria-metrics >&2
fi
echo "export STOKER_TEST_VM_BIN=$bin"
