#!/usr/bin/env bash
# Browser end-to-end tests of the console against the real distribution: unpacks the built tar.gz into a
# temporary folder, points the Ignition adapter at the locally built emulator image, starts Stoker, runs
# web/e2e/console.e2e.mjs, web/e2e/pipeline.e2e.mjs, web/e2e/api-docs.e2e.mjs, web/e2e/large-diff.e2e.mjs,
# web/e2e/search.e2e.mjs (which installs the stoker-search feature live through bin/client, as a shell user
# this script adds to etc/users.properties) and web/e2e/sso.e2e.mjs (single sign-on through an OpenID provider
# this script runs, scripts/lib/oidc-provider.sh: Keycloak, or NAV's mock-oauth2-server with OIDC_PROVIDER=mock)
# in Debian's Chromium (playwright-core), then stops Stoker and removes the folder. E2E_SUITES picks the scripts
# (default: all of them, "console pipeline api-docs large-diff search sso").
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
. scripts/lib/stoker-instance.sh
. scripts/lib/oidc-provider.sh
cleanup() {
  stoker_stop
  oidc_stop
  # a failed run may leave its gateway behind: remove what the browser test created
  docker ps -aq --filter label=dev.stoker.name=e2e-gw | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q | grep '^stoker-e2e-gw-' | xargs -r docker volume rm >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log "starting Stoker on port $PORT"
stoker_start

[ -d web/node_modules ] || npm --prefix web ci --no-audit --no-fund
# the console's fakes and types are checked against a snapshot of the API contract: it must be the served one
log "comparing web/src/main/webapp/api/openapi.json with the served API contract"
npm --prefix web run --silent api:check -- "$STOKER/api/v1/openapi.json"
for suite in ${E2E_SUITES:-console pipeline api-docs large-diff search sso}; do
  case $suite in
    console) script=e2e ;;
    pipeline) script=e2e:pipeline ;;
    api-docs) script=e2e:api-docs ;;
    sso) script=e2e:sso; log "starting the OpenID provider"; oidc_start ;;
    large-diff) script=e2e:large-diff ;;
    search) script=e2e:search; export STOKER_SHELL; STOKER_SHELL=$(stoker_shell_user) ;;
    *) log "unknown suite '$suite' (console, pipeline, api-docs, large-diff, search, sso)"; exit 2 ;;
  esac
  log "running the browser tests: $suite"
  STOKER_URL=$STOKER STOKER_ADMIN_PASSWORD=$PASSWORD npm --prefix web run --silent "$script"
done
log "passed; screenshots in web/target/screenshots/"
