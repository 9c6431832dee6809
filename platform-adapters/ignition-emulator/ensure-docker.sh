#!/bin/sh
# Makes a Docker engine reachable on this machine, installing and starting it when needed.
# Idempotent: does nothing when `docker info` already answers. Needs root for the install.
set -eu

log() { echo "ensure-docker: $*" >&2; }

daemon_up() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && daemon_up; then
  log "engine reachable"
  exit 0
fi

# Only the daemon may be missing: a static docker client alone is not enough.
if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y docker.io >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y docker.io >/dev/null; }
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  log "starting dockerd"
  mkdir -p /var/log
  nohup dockerd --data-root /var/lib/docker >/var/log/dockerd.log 2>&1 &
fi

# dockerd needs a few seconds the first time (it sets up iptables and the bridge).
i=0
until daemon_up; do
  i=$((i + 1))
  if [ "$i" -gt 60 ]; then
    log "engine not reachable after 60 s; see /var/log/dockerd.log"
    exit 1
  fi
  sleep 1
done
log "engine reachable"
