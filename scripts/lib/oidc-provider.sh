# Sourced by scripts/e2e.sh: runs a real OpenID provider (NAV's mock-oauth2-server, jars copied from Maven by
# scripts/lib/oidc-provider/pom.xml) as its own JVM on 127.0.0.1:$OIDC_PORT with issuer "stoker", and
# configures the Stoker instance of stoker-instance.sh ($D) to use it as provider "mock" (the file is picked
# up at runtime): group stoker-engineers maps to engineer, anyone else signs in as viewer. Its login page
# takes any user name and a JSON of claims; client-credentials tokens are for the CI user "sso-ci".
# After oidc_start: OIDC_ISSUER. Call oidc_stop from the trap.
# MAVEN_REPO_ARGS (e.g. -Dmaven.repo.local=...) is passed to mvn.

oidc_start() {
  OIDC_PORT=${OIDC_PORT:-$((PORT + 90))}
  OIDC_ISSUER="http://127.0.0.1:$OIDC_PORT/stoker"
  # shellcheck disable=SC2086
  mvn -q -B ${MAVEN_REPO_ARGS:-} -f scripts/lib/oidc-provider/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$WORK/oidc-lib"
  local config='{"interactiveLogin": true, "tokenCallbacks": [{"issuerId": "stoker", "tokenExpiry": 300,
    "requestMappings": [{"requestParam": "grant_type", "match": "client_credentials", "claims": {"sub": "ci-pipeline",
    "aud": ["stoker-api"], "preferred_username": "sso-ci", "groups": ["stoker-viewers"]}}]}]}'
  SERVER_HOSTNAME=127.0.0.1 SERVER_PORT=$OIDC_PORT JSON_CONFIG=$config \
    java -cp "$WORK/oidc-lib/*" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt >"$WORK/oidc.out" 2>&1 &
  OIDC_PID=$!
  local i
  for i in $(seq 1 60); do
    curl -sf -o /dev/null "$OIDC_ISSUER/.well-known/openid-configuration" && break
    [ "$i" = 60 ] && { echo "the OpenID provider did not start" >&2; tail -20 "$WORK/oidc.out" >&2; return 1; }
    sleep 1
  done
  cat >"$D/etc/dev.stoker.security.oidc-mock.cfg" <<CFG
name = mock
displayName = Mock provider
issuer = $OIDC_ISSUER
clientId = stoker-console
audience = stoker-api
roles = stoker-engineers=engineer
defaultRole = viewer
CFG
  export OIDC_ISSUER
}

oidc_stop() {
  [ -n "${OIDC_PID:-}" ] && kill "$OIDC_PID" 2>/dev/null || true
}
