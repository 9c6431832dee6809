# Sourced by scripts that need a throwaway Stoker: unpacks the built distribution into $WORK/stoker, points
# the Ignition adapter at the locally built emulator image, moves every port off the defaults, starts it
# with a random admin password and waits for health 200. Callers set WORK (a temp dir) and PORT, call
# stoker_start, and call stoker_stop from their EXIT trap; stoker_launch starts the same instance again.
# EMULATOR_IMAGE: the emulator repository (as for build-image.sh; default stoker/ignition-emulator).
# After stoker_start: STOKER (base URL), PASSWORD, TOKEN (an admin session token).

# Unpacks the distribution ($DIST, default the one built in karaf-assembly/target) into $WORK/stoker (D) with the
# ports moved off the defaults and $STOKER_SYSTEM_PROPERTIES added to etc/system.properties, without starting it. Sets D, STOKER, SECURE_PORT and SSH_PORT.
stoker_unpack() {
  local broker=${BROKER_PORT:-18616}
  D=$WORK/stoker
  mkdir -p "$D"
  tar xzf "${DIST:-$(ls karaf-assembly/target/stoker-*.tar.gz | head -n 1)}" -C "$D" --strip-components=1
  SECURE_PORT=${SECURE_PORT:-$((PORT + 1000))}
  sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$D/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^org.osgi.service.http.port.secure *=.*/org.osgi.service.http.port.secure = $SECURE_PORT/" "$D/etc/org.ops4j.pax.web.cfg"
  local repo=${EMULATOR_IMAGE:-stoker/ignition-emulator} # the repository build-image.sh built into
  printf 'imageRepository83 = %s\nimageRepository81 = %s\n' "$repo" "$repo" >>"$D/etc/dev.stoker.adapter.ignition.cfg"
  echo "brokerUrl = tcp://127.0.0.1:$broker" >>"$D/etc/dev.stoker.queue.cfg"
  echo "brokerUrl = tcp://127.0.0.1:$broker" >>"$D/etc/dev.stoker.integrations.cfg"
  echo "stoker.broker.port = $broker" >>"$D/etc/system.properties"
  # ssh and JMX move with PORT too, so that two throwaway instances can run side by side
  sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((PORT + 2000))/; s/^rmiServerPort *=.*/rmiServerPort = $((PORT + 3000))/" "$D/etc/org.apache.karaf.management.cfg"
  SSH_PORT=${SSH_PORT:-$((PORT + 4000))}
  sed -i "s/^sshPort *=.*/sshPort = $SSH_PORT/" "$D/etc/org.apache.karaf.shell.cfg"
  # extra system properties, one "key = value" a line (e.g. karaf.log.json = INFO)
  [ -z "${STOKER_SYSTEM_PROPERTIES:-}" ] || echo "$STOKER_SYSTEM_PROPERTIES" >>"$D/etc/system.properties"
  STOKER="http://127.0.0.1:$PORT"
}

stoker_start() {
  stoker_unpack
  PASSWORD="run-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
  stoker_launch
  stoker_check_one_resolution
  # environments need the gateway admin password as a secret. Health 200 means the secret store is up, but not in
  # releases before health counted it (the upgrade test boots v0.1.0): a 503 is asked again, for 60 s at most.
  local answer deadline=$((SECONDS + 60))
  while :; do
    answer=$(curl -s -w '\n%{http_code}' -XPOST "$STOKER/api/v1/secrets" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' \
      -d "{\"scope\":\"workspace\",\"path\":\"ignition/gateway-admin-password\",\"type\":\"password\",\"value\":\"$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')x\"}")
    [ "${answer##*$'\n'}" = 503 ] && [ "$SECONDS" -lt "$deadline" ] || break
    sleep 1
  done
  if [ "${answer##*$'\n'}" != 201 ]; then
    echo "storing the gateway password failed after health 200: $answer" >&2
    curl -s -H "Authorization: Bearer $TOKEN" "$STOKER/api/v1/health" >&2
    return 1
  fi
}

# Starts the unpacked instance (again, e.g. after a kill -9), waits for health 200 and signs in.
# A boot that is not healthy within 180 s has its threads dumped to the output (for a look at why), is killed
# and started once more; a second failure fails.
stoker_launch() {
  local attempt i
  for attempt in 1 2; do
    STOKER_ADMIN_PASSWORD=$PASSWORD "$D/bin/karaf" server >>"$WORK/stoker.out" 2>&1 &
    for i in $(seq 1 180); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "$STOKER/api/v1/health" || true)" = 200 ] && break 2
      sleep 1
    done
    echo "Stoker not healthy in 180 s (attempt $attempt)" >&2
    tail -20 "$D/data/log/karaf.log" >&2
    local pid
    pid=$(stoker_pid)
    if [ -n "$pid" ]; then
      echo "---- threads of the hung boot (pid $pid) ----" >&2
      jcmd "$pid" Thread.print 2>/dev/null | grep -A 25 -E '^"(FelixStartLevel|features-|CM Configuration|FelixDispatchQueue|FelixFrameworkWiring)' >&2 || true
      kill -9 "$pid" 2>/dev/null || true
      for i in $(seq 1 30); do [ -z "$(stoker_pid)" ] && break; sleep 1; done
    fi
    [ "$attempt" = 2 ] && return 1
  done
  TOKEN=$(curl -s -XPOST "$STOKER/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  # HTTPS is on out of the box, with a certificate generated for this instance (self-signed: -k)
  [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$SECURE_PORT/api/v1/health" || true)" = 200 ] \
    || { echo "HTTPS on port $SECURE_PORT does not answer" >&2; return 1; }
}

# The pid of this instance's JVM (empty when it does not run).
# The first boot resolves every bundle once: a later boot stage that rewires (refreshes) bundles restarts the
# shell, SCR or sshd and costs seconds; a stage that stops bundles to rewire them (pax-logging, Config Admin) was
# seen to deadlock. Any "Refreshing bundles" or "Stopping bundles" in the log of a first boot fails the caller.
stoker_check_one_resolution() {
  local log=$D/data/log/karaf.log
  # an older release (the upgrade test's) is booted as it was built
  [ "${STOKER_OLD_RELEASE:-}" = 1 ] && return 0
  if grep -qE "Refreshing bundles|Stopping bundles" "$log"; then
    echo "The boot stopped or refreshed bundles (see features/src/main/feature/feature.xml, stoker-boot-base" >&2
    echo "and stoker-startup, and the startup features in karaf-assembly/pom.xml):" >&2
    grep -A 12 -E "Refreshing bundles|Stopping bundles" "$log" | sed 's/.*| //' >&2
    return 1
  fi
}

# Adds a Karaf shell user (admin roles) with a random password to the instance's etc/users.properties, read at
# each sign-in, and prints the bin/client command line that signs in as it (commands follow as arguments).
stoker_shell_user() {
  local pw
  pw="shell-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
  echo "stoker-shell = $pw,admin,manager,viewer,systembundles,ssh" >>"$D/etc/users.properties"
  echo "$D/bin/client -a $SSH_PORT -h 127.0.0.1 -u stoker-shell -p $pw"
}

stoker_pid() {
  pgrep -f "karaf.base=$WORK/stoker" | head -n 1 || true
}

stoker_stop() {
  [ -x "$WORK/stoker/bin/stop" ] && "$WORK/stoker/bin/stop" >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 30); do pgrep -f "karaf.base=$WORK/stoker" >/dev/null || break; sleep 1; done
  pkill -9 -f "karaf.base=$WORK/stoker" 2>/dev/null || true
}
