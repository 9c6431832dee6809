#!/usr/bin/env bash
# Alerts end to end against the real distribution and an emulator gateway on the Docker engine: a viewer may
# not write alert rules, a bad rule is refused naming its field, a lead adds a "gateway down" rule; the
# gateway's container is frozen behind Stoker's back (docker pause) so it stops answering:
# stoker_gateway_up turns 0, the alert fires and a signed webhook (integrations, topic dev/stoker/alert)
# reaches a receiver on 127.0.0.1 started here; the container is thawed, the gateway answers again and the
# alert resolves (a second webhook), with its history pending → firing → resolved. The same alerts also
# arrive as e-mails (integrations, camel-mail) at an SMTP server on 127.0.0.1 started here. A real Prometheus
# (Debian's prometheus, started here) scrapes /metrics (the root alias of /api/v1/metrics) with an API token of scope metrics and sees the
# gateway's stoker_gateway_up go 1 → 0 → 1; at the end the container is killed behind Stoker's back and
# Prometheus sees 0 again.
# Needs: the build (mvn install), a Docker engine with the stoker/ignition-emulator image, prometheus.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "== alert-test: $*" >&2; }
fail() { echo "alert-test FAILED: $*" >&2; exit 1; }

WORK=$(mktemp -d)
PORT=${ALERT_TEST_PORT:-18581}
BROKER_PORT=18916
SECURE_PORT=19581
HOOK_PORT=${ALERT_TEST_HOOK_PORT:-18998}
SMTP_PORT=${ALERT_TEST_SMTP_PORT:-18999}
PROM_PORT=${ALERT_TEST_PROMETHEUS_PORT:-18990}
. scripts/lib/stoker-instance.sh
export STOKER_HOOK_ALERTS_SECRET="hook-$RANDOM$RANDOM"
NAME=at-gw
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -f "$WORK/stoker/data/log/karaf.log" ]; then
    echo "---- karaf.log (alerts, webhooks, e-mail) ----" >&2
    grep -iE "alert|webhook|e-mail|mail|smtp|exception" "$WORK/stoker/data/log/karaf.log" | tail -40 >&2 || true
  fi
  [ -n "${HOOK_PID:-}" ] && kill "$HOOK_PID" 2>/dev/null || true
  [ -n "${SMTP_PID:-}" ] && kill "$SMTP_PID" 2>/dev/null || true
  [ -n "${PROM_PID:-}" ] && kill "$PROM_PID" 2>/dev/null || true
  docker ps -aq --filter "label=dev.stoker.name=$NAME" | xargs -r docker unpause >/dev/null 2>&1 || true
  stoker_stop
  docker ps -aq --filter "label=dev.stoker.name=$NAME" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q | grep "^stoker-$NAME-" | xargs -r docker volume rm >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
stoker_start
J='Content-Type: application/json'
api() { local token=$1; shift; curl -s -H "Authorization: Bearer $token" -H "$J" "$@"; }
status() { local token=$1; shift; curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H "$J" "$@"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
await() { # what, seconds, command...
  local what=$1 secs=$2 i; shift 2
  for i in $(seq 1 "$secs"); do "$@" && return 0; sleep 1; done
  fail "$what (not within $secs s)"
}

log "fast polls and evaluation; a signed webhook on dev/stoker/alert to a receiver on 127.0.0.1:$HOOK_PORT"
python3 - "$HOOK_PORT" "$WORK/hooks.jsonl" "$STOKER_HOOK_ALERTS_SECRET" <<'EOF' &
import hashlib, hmac, http.server, json, sys
out, secret = sys.argv[2], sys.argv[3].encode()
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        want = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        event = json.loads(body)
        event["signatureValid"] = hmac.compare_digest(want, self.headers.get("X-Stoker-Signature", ""))
        with open(out, "a") as f:
            f.write(json.dumps(event) + "\n")
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
EOF
HOOK_PID=$!
log "an SMTP server on 127.0.0.1:$SMTP_PORT and an e-mail notification for dev/stoker/alert"
python3 -W ignore - "$SMTP_PORT" "$WORK/mails" <<'EOF' &
import asyncore, os, smtpd, sys
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        name = os.path.join(out, "%d.eml" % len(os.listdir(out)))
        with open(name, "wb") as f:
            f.write(b"X-Rcpt: " + ",".join(rcpttos).encode() + b"\n" + data)
Sink(("127.0.0.1", int(sys.argv[1])), None, decode_data=False)
asyncore.loop()
EOF
SMTP_PID=$!
printf 'host = 127.0.0.1\nport = %s\nsecurity = none\nfrom = stoker@example.com\nto = ops@example.com\ntopics = dev/stoker/alert\n' \
  "$SMTP_PORT" >"$WORK/stoker/etc/dev.stoker.integrations.email-ops.cfg"
printf 'pollIntervalSeconds = 2\npollTimeoutSeconds = 2\nalertEvaluationSeconds = 2\n' \
  >>"$WORK/stoker/etc/dev.stoker.telemetry.cfg"
printf 'url = http://127.0.0.1:%s/alerts\ntopics = dev/stoker/alert\nsecretEnv = STOKER_HOOK_ALERTS_SECRET\n' \
  "$HOOK_PORT" >"$WORK/stoker/etc/dev.stoker.integrations.webhook-alerts.cfg"

log "a viewer may not write rules; a lead may, and a bad rule is refused naming its field"
for u in viewer lead; do
  code=$(status "$TOKEN" -XPOST "$STOKER/api/v1/users" -d "{\"username\":\"at-$u\",\"role\":\"$u\",\"password\":\"$u-password-123\"}")
  [ "$code" = 201 ] || fail "user at-$u: HTTP $code"
done
login() { curl -s -XPOST "$STOKER/api/v1/auth/token" -H "$J" -d "{\"username\":\"at-$1\",\"password\":\"$1-password-123\"}" | field '["access_token"]'; }
VIEWER=$(login viewer); LEAD=$(login lead)
RULE='{"name":"gateway down","kind":"gateway-down","forSeconds":4,"severity":"critical"}'
code=$(status "$VIEWER" -XPOST "$STOKER/api/v1/alert-rules" -d "$RULE"); [ "$code" = 403 ] || fail "a viewer wrote a rule: HTTP $code"
bad=$(api "$LEAD" -XPOST "$STOKER/api/v1/alert-rules" -d '{"name":"x","kind":"gateway-down","threshold":3}')
[ "$(echo "$bad" | field '["field"]')" = threshold ] || fail "bad rule: $bad"
RULE_ID=$(api "$LEAD" -XPOST "$STOKER/api/v1/alert-rules" -d "$RULE" | field '["id"]')
[ "$(api "$VIEWER" "$STOKER/api/v1/alert-rules/$RULE_ID" | field '["kind"]')" = gateway-down ] || fail "viewer cannot read the rule"
code=$(status "$VIEWER" -XDELETE "$STOKER/api/v1/alert-rules/$RULE_ID"); [ "$code" = 403 ] || fail "a viewer deleted a rule: HTTP $code"

log "a real Prometheus on 127.0.0.1:$PROM_PORT scrapes /metrics (the root alias) with a token of scope metrics"
api "$TOKEN" -XPOST "$STOKER/api/v1/tokens" -d '{"name":"prometheus","scopes":["metrics"],"expiresInDays":1}' \
  | field '["secret"]' >"$WORK/prometheus.token"
[ -s "$WORK/prometheus.token" ] || fail "no metrics token"
cat >"$WORK/prometheus.yml" <<YAML
global: {scrape_interval: 2s, evaluation_interval: 2s}
scrape_configs:
  - job_name: stoker
    metrics_path: /metrics
    authorization: {credentials_file: $WORK/prometheus.token}
    static_configs: [{targets: ['127.0.0.1:$PORT']}]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
promql() { # the value of a PromQL expression now ("" when it has no sample)
  curl -s --get "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" | python3 -c "
import json,sys; r=json.load(sys.stdin).get('data',{}).get('result',[]); print(r[0]['value'][1] if r else '')" 2>/dev/null || true
}
scraped() { [ "$(promql 'up{job="stoker"}')" = 1 ]; }
await "Prometheus scraping Stoker with the token" 60 scraped

log "an emulator gateway"
ENV=$(api "$TOKEN" -XPOST "$STOKER/api/v1/environments" -d "{\"name\":\"$NAME\",\"platform\":\"ignition\",\"version\":\"8.3.4\",\"stage\":\"dev\"}" | field '["environment"]["id"]')
running() { [ "$(api "$TOKEN" "$STOKER/api/v1/environments/$ENV" | field '["state"]')" = RUNNING ]; }
await "environment $ENV RUNNING" 180 running
SERIES="stoker_gateway_up{environment=\"$ENV\",host=\"local\",platform=\"ignition\",stage=\"dev\"}"
up_is() { api "$TOKEN" "$STOKER/api/v1/metrics" | grep -qF "$SERIES $1"; }
await "$SERIES 1" 60 up_is 1.0
prom_up_is() { [ "$(promql "last_over_time(stoker_gateway_up{environment=\"$ENV\"}[10s])")" = "$1" ]; }
await "Prometheus: stoker_gateway_up{environment=\"$ENV\"} 1" 30 prom_up_is 1
CONTAINER=$(docker ps -q --filter "label=dev.stoker.name=$NAME" | head -1)
[ -n "$CONTAINER" ] || fail "no container for $NAME"

hook() { [ -f "$WORK/hooks.jsonl" ] && python3 - "$WORK/hooks.jsonl" "$ENV" "$1" <<'EOF'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
hits = [e for e in events if e["topic"] == "dev/stoker/alert" and e["target"] == sys.argv[2]
        and e["data"]["change"] == sys.argv[3]]
sys.exit(0 if hits and all(e["signatureValid"] for e in hits) else 1)
EOF
}
log "the gateway stops answering (docker pause): up 0, the alert fires, the webhook is told"
docker pause "$CONTAINER" >/dev/null
await "$SERIES 0" 30 up_is 0.0
await "Prometheus: stoker_gateway_up{environment=\"$ENV\"} 0" 30 prom_up_is 0
await "a signed 'firing' webhook for $ENV" 60 hook firing
FIRING=$(api "$VIEWER" "$STOKER/api/v1/alerts?state=firing")
echo "$FIRING" | python3 -c "import json,sys; a=json.load(sys.stdin)['items']; sys.exit(0 if any(x['target']=='$ENV' and x['rule']=='$RULE_ID' for x in a) else 1)" \
  || fail "no firing alert listed: $FIRING"
echo "  firing: $(grep '"firing"' "$WORK/hooks.jsonl" | head -1 | cut -c1-220)"

log "the gateway answers again (docker unpause): up 1, the alert resolves, the webhook is told"
docker unpause "$CONTAINER" >/dev/null
await "$SERIES 1" 60 up_is 1.0
await "a signed 'resolved' webhook for $ENV" 60 hook resolved
RESOLVED=$(api "$VIEWER" "$STOKER/api/v1/alerts?state=resolved")
echo "$RESOLVED" | python3 -c "
import json,sys; a=[x for x in json.load(sys.stdin)['items'] if x['target']=='$ENV']
sys.exit(0 if a and [h['state'] for h in a[0]['history']] == ['pending','firing','resolved'] else 1)" \
  || fail "resolved alert without its history: $RESOLVED"
echo "  resolved: $(grep '"resolved"' "$WORK/hooks.jsonl" | head -1 | cut -c1-220)"

subjects() { # the (unfolded) subjects of the mails received, one a line
  python3 - "$WORK/mails" <<'EOF'
import email, email.policy, glob, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    with open(f, "rb") as fh:
        print(email.message_from_binary_file(fh, policy=email.policy.default)["Subject"])
EOF
}
mail() { [ "$(subjects | grep -cxF "[Stoker] $1 gateway down (critical) on $ENV")" -gt 0 ]; }
await "an e-mail telling the alert fired" 30 mail FIRING
await "an e-mail telling the alert resolved" 30 mail RESOLVED
grep -q "^X-Rcpt: ops@example.com" "$WORK"/mails/*.eml || fail "e-mail to the wrong recipient"
echo "  e-mails: $(subjects | tr '\n' ' ')"

log "the gateway's container is killed behind Stoker's back: Prometheus sees up 0"
await "Prometheus: up 1 again" 30 prom_up_is 1
docker kill "$CONTAINER" >/dev/null
await "Prometheus: stoker_gateway_up{environment=\"$ENV\"} 0 after the kill" 60 prom_up_is 0
echo "  prometheus: stoker_gateway_up{environment=\"$ENV\"} went 1 → 0 → 1 → 0 (killed)"

api "$TOKEN" -XDELETE "$STOKER/api/v1/environments/$ENV?volume=delete" >/dev/null
log "passed"
