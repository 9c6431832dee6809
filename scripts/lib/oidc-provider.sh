# Sourced by scripts/e2e.sh: runs a real OpenID provider on 127.0.0.1:$OIDC_PORT as its own JVM and configures
# the Stoker instance of stoker-instance.sh ($D) to use it (the file is picked up at runtime). OIDC_PROVIDER
# picks it:
# - keycloak (default): Keycloak's Quarkus distribution (scripts/lib/keycloak/pom.xml, unpacked once into
#   $OIDC_CACHE) in dev mode with its H2 dev database, importing realm "plant" (scripts/lib/keycloak/
#   plant-realm.json) at start; Stoker's provider "keycloak". User erin (group stoker-engineers, password
#   $OIDC_USER_PASSWORD) signs in on its login form; confidential clients stoker-ci (audience stoker-api),
#   other-ci (no audience mapper) and short-ci (tokens live a second), each in group stoker-viewers.
# - mock: NAV's mock-oauth2-server (scripts/lib/oidc-provider/pom.xml) with issuer "stoker"; Stoker's provider
#   "mock". Its login page takes any user name and a JSON of claims; client-credentials tokens are for the CI
#   user "sso-ci" (scope other-api: a token for another audience).
# Group stoker-engineers maps to engineer, stoker-viewers to viewer. After oidc_start: OIDC_ISSUER,
# OIDC_PROVIDER, OIDC_USER_PASSWORD (exported for web/e2e/sso.e2e.mjs). Call oidc_stop from the trap.
# MAVEN_REPO_ARGS (e.g. -Dmaven.repo.local=...) is passed to mvn.

KEYCLOAK_VERSION=26.7.3

oidc_start() {
  OIDC_PORT=${OIDC_PORT:-$((PORT + 90))}
  OIDC_PROVIDER=${OIDC_PROVIDER:-keycloak}
  case $OIDC_PROVIDER in
    keycloak) oidc_start_keycloak ;;
    mock) oidc_start_mock ;;
    *) echo "unknown OIDC_PROVIDER '$OIDC_PROVIDER' (keycloak, mock)" >&2; return 2 ;;
  esac || return 1
  local i started=$SECONDS
  for i in $(seq 1 240); do
    curl -sf -o /dev/null "$OIDC_ISSUER/.well-known/openid-configuration" && break
    if [ "$i" = 240 ] || ! kill -0 "$OIDC_PID" 2>/dev/null; then
      echo "the OpenID provider did not start" >&2; tail -20 "$WORK/oidc.out" >&2; return 1
    fi
    sleep 1
  done
  echo "== e2e: $OIDC_PROVIDER ready after $((SECONDS - started)) s, RSS $(ps -o rss= -p "$(oidc_jvm_pid)") kB" >&2
  export OIDC_ISSUER OIDC_PROVIDER OIDC_USER_PASSWORD
}

oidc_start_mock() {
  OIDC_ISSUER="http://127.0.0.1:$OIDC_PORT/stoker"
  # shellcheck disable=SC2086
  mvn -q -B ${MAVEN_REPO_ARGS:-} -f scripts/lib/oidc-provider/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$WORK/oidc-lib" || return 1
  local claims='"sub": "ci-pipeline", "preferred_username": "sso-ci", "groups": ["stoker-viewers"]'
  local config='{"interactiveLogin": true, "tokenCallbacks": [{"issuerId": "stoker", "tokenExpiry": 300,
    "requestMappings": [{"requestParam": "scope", "match": "other-api", "claims": {'$claims', "aud": ["other-api"]}},
    {"requestParam": "grant_type", "match": "client_credentials", "claims": {'$claims', "aud": ["stoker-api"]}}]}]}'
  SERVER_HOSTNAME=127.0.0.1 SERVER_PORT=$OIDC_PORT JSON_CONFIG=$config \
    java -cp "$WORK/oidc-lib/*" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt >"$WORK/oidc.out" 2>&1 &
  OIDC_PID=$!
  oidc_configure mock "Mock provider" "defaultRole = viewer"
}

# Keycloak runs from a cache outside $WORK: its first start in dev mode builds (Quarkus augmentation, about a
# minute) into the distribution's lib/, which later runs reuse. Each run starts from an empty database.
oidc_start_keycloak() {
  local cache=${OIDC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stoker-e2e}
  local home=$cache/keycloak-$KEYCLOAK_VERSION
  if [ ! -x "$home/bin/kc.sh" ]; then
    # shellcheck disable=SC2086
    mvn -q -B ${MAVEN_REPO_ARGS:-} -f scripts/lib/keycloak/pom.xml dependency:unpack-dependencies \
      -Dkeycloak.version="$KEYCLOAK_VERSION" -DoutputDirectory="$cache" -DmarkersDirectory="$cache/.markers" || return 1
  fi
  OIDC_ISSUER="http://127.0.0.1:$OIDC_PORT/realms/plant"
  OIDC_USER_PASSWORD=${OIDC_USER_PASSWORD:-"erin-$(head -c 9 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"}
  rm -rf "$home/data"
  mkdir -p "$home/data/import"
  sed -e "s#__STOKER__#$STOKER#" -e "s#__ERIN_PASSWORD__#$OIDC_USER_PASSWORD#" scripts/lib/keycloak/plant-realm.json \
    >"$home/data/import/plant-realm.json"
  "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$OIDC_PORT" \
    --http-management-port=$((OIDC_PORT + 1)) --hostname="http://127.0.0.1:$OIDC_PORT" --import-realm \
    >"$WORK/oidc.out" 2>&1 &
  OIDC_PID=$!
  oidc_configure keycloak "Plant Keycloak" "stoker-viewers=viewer"
}

# $1 provider name, $2 display name, $3 an extra line (or role mapping) for its .cfg
oidc_configure() {
  local roles="stoker-engineers=engineer" extra=$3
  case $3 in *=viewer) roles="$roles, $3"; extra= ;; esac
  cat >"$D/etc/dev.stoker.security.oidc-$1.cfg" <<CFG
name = $1
displayName = $2
issuer = $OIDC_ISSUER
clientId = stoker-console
audience = stoker-api
roles = $roles
$extra
CFG
}

# the provider's JVM (kc.sh starts Keycloak's as its child)
oidc_jvm_pid() {
  local child
  child=$(pgrep -P "$OIDC_PID" java 2>/dev/null | head -n 1)
  echo "${child:-$OIDC_PID}"
}

oidc_stop() {
  [ -n "${OIDC_PID:-}" ] || return 0
  local jvm
  jvm=$(oidc_jvm_pid)
  kill "$OIDC_PID" "$jvm" 2>/dev/null || true
}
