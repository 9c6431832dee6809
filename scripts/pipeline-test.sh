#!/usr/bin/env bash
# Pipeline end to end against the real distribution and emulator gateways on the Docker engine:
# a project whose view script does not compile fails in validate (naming resource, pointer and line); the
# fix is validated, deployed with its tags to a test environment, smoke-, tag- and http-checked, then waits
# for approval (a webhook on the dev/stoker/pipeline topic tells a receiver on 127.0.0.1); the
# author's approval is refused, a lead approves and the same release is promoted to a staging environment
# whose gateway then serves it. A second run promotes again and fails a later check: the staging gateway is
# restored from the backup taken before and gets the first release again. The same on Ignition 8.1 (no REST
# API): deploy into the data volume with tags through the tag CI/CD module, tag-check, promote with a
# data-volume snapshot as its backup, and the rollback from that snapshot.
# Needs: the build (mvn install), a Docker engine with the stoker/ignition-emulator image.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "== pipeline-test: $*" >&2; }
fail() { echo "pipeline-test FAILED: $*" >&2; exit 1; }

WORK=$(mktemp -d)
PORT=${PIPELINE_TEST_PORT:-18481}
BROKER_PORT=18816
SECURE_PORT=19481
. scripts/lib/stoker-instance.sh
HOOK_PORT=${PIPELINE_TEST_HOOK_PORT:-18997}
cleanup() {
  [ -n "${HOOK_PID:-}" ] && kill "$HOOK_PID" 2>/dev/null || true
  stoker_stop
  for n in pt-test pt-staging pt-81test pt-81staging; do
    docker ps -aq --filter "label=dev.stoker.name=$n" | xargs -r docker rm -f >/dev/null 2>&1 || true
    docker volume ls -q | grep "^stoker-$n-" | xargs -r docker volume rm >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
stoker_start
A="Authorization: Bearer $TOKEN"

log "approvers are told through a webhook: a receiver on 127.0.0.1:$HOOK_PORT"
python3 - "$HOOK_PORT" "$WORK/hooks.jsonl" <<'EOF' &
import http.server, sys
out = sys.argv[2]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(out, "ab") as f:
            f.write(body.replace(b"\n", b" ") + b"\n")
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
EOF
HOOK_PID=$!
printf 'url = http://127.0.0.1:%s/approvals\ntopics = dev/stoker/pipeline\n' "$HOOK_PORT" \
  >"$WORK/stoker/etc/dev.stoker.integrations.webhook-approvals.cfg"
J='Content-Type: application/json'
api() { curl -s -H "$A" -H "$J" "$@"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
await_run() { # run-id status...
  local id=$1; shift; local i s
  for i in $(seq 1 180); do
    s=$(api "$STOKER/api/v1/runs/$id" | field '["status"]')
    for want in "$@"; do [ "$s" = "$want" ] && { echo "$s"; return 0; }; done
    case $s in SUCCEEDED|FAILED|CANCELLED) echo "$s"; return 0 ;; esac
    sleep 1
  done
  fail "run $id still $s"
}
rolled_back() { # environment release run: the run's deployment is ROLLED_BACK and the release is deployed again
  local dep; dep=$(api "$STOKER/api/v1/deployments?environment=$1")
  python3 - "$dep" "$2" "$3" <<'EOF' || fail "rollback on $1: $dep"
import json, sys
items = json.loads(sys.argv[1])["items"]
mine = [d for d in items if d["runId"] == sys.argv[3]]
current = [d for d in items if d["status"] == "DEPLOYED"]
assert mine and mine[0]["status"] == "ROLLED_BACK", mine
assert len(current) == 1 and current[0]["release"] == sys.argv[2], current
EOF
}
summary() { api "$STOKER/api/v1/runs/$1" | python3 -c "
import json,sys; r=json.load(sys.stdin)
print([s['summary'] for st in r['stages'] for s in st['steps'] if s['name']==sys.argv[1]][0])" "$2"; }

log "a project and two environments (test, staging), each gateway with an API key"
P=$WORK/project; mkdir -p "$P/com.inductiveautomation.perspective/views/Main" "$P/ignition/script-python/util"
echo '{"title":"Plant","description":"","enabled":true,"inheritable":false,"parent":""}' >"$P/project.json"
view() { printf '{"root":{"type":"ia.container.flex","meta":{"name":"root"},"children":[{"type":"ia.input.button","meta":{"name":"Go"},"events":{"dom":{"onClick":{"type":"script","scope":"G","config":{"script":"\\tx = %s\\n\\tif x == 1%s\\n\\t\\tsystem.perspective.print(x)"}}}}}]}}' "$1" "$2" >"$P/com.inductiveautomation.perspective/views/Main/view.json"; }
res() { printf '{"scope":"%s","version":1,"restricted":false,"overridable":true,"files":["%s"],"attributes":{"lastModification":{"actor":"admin","timestamp":"2026-01-01T00:00:00Z"},"lastModificationSignature":"00"}}' "$1" "$2" >"$3/resource.json"; }
res G view.json "$P/com.inductiveautomation.perspective/views/Main"
printf 'def hello():\n\treturn "hi"\n' >"$P/ignition/script-python/util/code.py"
res A code.py "$P/ignition/script-python/util"
zipit() { (cd "$P" && rm -f "$1" && python3 -c "import shutil,sys; shutil.make_archive(sys.argv[1][:-4], 'zip', '.')" "$1"); }
api -XPOST "$STOKER/api/v1/secrets" -d '{"scope":"workspace","path":"ignition/api-token","type":"api_token","value":"stoker:pt-'"$RANDOM$RANDOM"'"}' >/dev/null
for n in test staging; do
  api -XPOST "$STOKER/api/v1/environments" -d '{"name":"pt-'$n'","platform":"ignition","version":"8.3.4","stage":"'$n'","secrets":{"EMULATOR_API_KEYS":"ignition/api-token"}}' >"$WORK/env-$n.json"
done
api -XPOST "$STOKER/api/v1/projects" -d '{"name":"plant","platform":"ignition"}' >/dev/null
view 1 ""; zipit "$WORK/bad.zip"
out=$(curl -s -H "$A" -XPOST "$STOKER/api/v1/projects/plant/imports?message=broken" -H "Content-Type: application/zip" --data-binary @"$WORK/bad.zip"); echo "$out" | grep -q "\"changed\"" || fail "import: $out"
KEY='apiKeySecret: "ignition/api-token"' # a bare path: resolved where each environment sits
pipeline() { python3 -c "import json,sys; print(json.dumps({'yaml': sys.stdin.read()}))" <<EOF
stages:
  - name: validate
    steps:
      - type: validate
  - name: test
    environment: pt-test
    steps:
      - {name: deploy-test, type: deploy, with: {$KEY, tagProvider: default}}
      - {name: smoke-test, type: smoke, with: {$KEY, pages: [/StatusPing]}}
      - {name: tags-test, type: tag-check, with: {$KEY, tags: {"Line1/Speed": 42, "Line1/Mode": "AUTO"}}}
      - {name: ping-test, type: http-check, with: {path: /StatusPing, json: {/state: RUNNING}}}
  - name: approval
    steps:
      - {name: approve, type: approval, with: {role: lead}}
  - name: staging
    environment: pt-staging
    steps:
      - {name: promote-staging, type: promote, with: {$KEY}}
      - {name: smoke-staging, type: smoke, with: {$KEY}}
      - {name: check-staging, type: http-check, with: {path: $1}}
EOF
}
out=$(api -XPUT "$STOKER/api/v1/projects/plant/pipeline" -d "$(pipeline /StatusPing)"); echo "$out" | grep -q "\"commit\"" || fail "pipeline: $out"
for n in test staging; do
  id=$(field '["environment"]["id"]' <"$WORK/env-$n.json")
  for i in $(seq 1 120); do [ "$(api "$STOKER/api/v1/environments/$id" | field '["state"]')" = RUNNING ] && break; sleep 1; done
done

log "run 1: the script does not compile"
R1=$(api -XPOST "$STOKER/api/v1/projects/plant/runs" -d '{"reason":"broken"}' | field '["id"]')
[ "$(await_run "$R1")" = FAILED ] || fail "run 1 did not fail"
s=$(summary "$R1" validate); echo "  $s"
case $s in *python-syntax*views/Main/view.json#/root/children/0/events/dom/onClick/config/script*"line 2"*) ;; *) fail "validate: $s" ;; esac

log "run 2: the fix goes to test, then waits for a lead"
view 1 ":"; zipit "$WORK/good.zip"
echo '{"name":"","tagType":"Provider","tags":[{"name":"Line1","tagType":"Folder","tags":[{"name":"Speed","tagType":"AtomicTag","valueSource":"memory","dataType":"Int4","value":42},{"name":"Mode","tagType":"AtomicTag","valueSource":"memory","dataType":"String","value":"AUTO"}]}]}' >"$WORK/tags.json"
out=$(curl -s -H "$A" -XPOST "$STOKER/api/v1/projects/plant/imports?message=fix" -F "project=@$WORK/good.zip;type=application/zip" -F "tags=@$WORK/tags.json;type=application/json")
echo "$out" | grep -q '"changed":true' || fail "import of the fix: $out"
R2=$(api -XPOST "$STOKER/api/v1/projects/plant/runs" -d '{"reason":"fixed"}' | field '["id"]')
[ "$(await_run "$R2" WAITING_APPROVAL)" = WAITING_APPROVAL ] || fail "run 2: $(api "$STOKER/api/v1/runs/$R2")"
for i in $(seq 1 60); do grep "$R2" "$WORK/hooks.jsonl" 2>/dev/null | grep -q 'waiting-approval' && break; sleep 1; done
grep "$R2" "$WORK/hooks.jsonl" 2>/dev/null | grep 'waiting-approval' | grep -q "/runs/$R2" \
  || fail "no webhook told the approvers (got: $(tail -3 "$WORK/hooks.jsonl" 2>/dev/null))"
echo "  the webhook told the approvers: $(grep "$R2" "$WORK/hooks.jsonl" | grep 'waiting-approval' | head -1 | cut -c1-160)"
code=$(api -o /dev/null -w '%{http_code}' -XPOST "$STOKER/api/v1/runs/$R2/approvals" -d '{"stage":"approval","decision":"approve"}')
[ "$code" = 403 ] || fail "the author's approval answered $code"
api -XPOST "$STOKER/api/v1/users" -d '{"username":"lena","role":"lead","password":"Lead-pass-12345!"}' >/dev/null
LEAD=$(curl -s -XPOST "$STOKER/api/v1/auth/token" -H "$J" -d '{"username":"lena","password":"Lead-pass-12345!"}' | field '["access_token"]')
curl -s -H "Authorization: Bearer $LEAD" -H "$J" -XPOST "$STOKER/api/v1/runs/$R2/approvals" -d '{"stage":"approval","decision":"approve","comment":"ok"}' >/dev/null
[ "$(await_run "$R2")" = SUCCEEDED ] || fail "run 2: $(api "$STOKER/api/v1/runs/$R2")"
REL=$(api "$STOKER/api/v1/runs/$R2" | field '["release"]')
staging=$(field '["environment"]["id"]' <"$WORK/env-staging.json")
dep=$(api "$STOKER/api/v1/deployments?environment=pt-staging")
echo "$dep" | field '["items"][0]["approvedBy"]' | grep -q lena || fail "deployment: $dep"
[ "$(echo "$dep" | field '["items"][0]["release"]')" = "$REL" ] || fail "staging does not run $REL"

log "run 3: promoted again, a later check fails: staging goes back to $REL"
api -XPUT "$STOKER/api/v1/projects/plant/pipeline" -d "$(pipeline /no-such-page)" >/dev/null
R3=$(api -XPOST "$STOKER/api/v1/projects/plant/runs" -d '{"reason":"bad check"}' | field '["id"]')
[ "$(await_run "$R3" WAITING_APPROVAL)" = WAITING_APPROVAL ] || fail "run 3 did not wait"
curl -s -H "Authorization: Bearer $LEAD" -H "$J" -XPOST "$STOKER/api/v1/runs/$R3/approvals" -d '{"stage":"approval","decision":"approve"}' >/dev/null
[ "$(await_run "$R3")" = FAILED ] || fail "run 3 did not fail"
api "$STOKER/api/v1/runs/$R3/steps/check-staging/log" | tail -5
rolled_back pt-staging "$REL" "$R3"
log "run 4: kill -9 while promoting; after the restart the step fails cleanly (never deployed twice)"
api -XPUT "$STOKER/api/v1/projects/plant/pipeline" -d "$(pipeline /StatusPing)" >/dev/null
R4=$(api -XPOST "$STOKER/api/v1/projects/plant/runs" -d '{"reason":"kill"}' | field '["id"]')
[ "$(await_run "$R4" WAITING_APPROVAL)" = WAITING_APPROVAL ] || fail "run 4 did not wait"
curl -s -H "Authorization: Bearer $LEAD" -H "$J" -XPOST "$STOKER/api/v1/runs/$R4/approvals" -d '{"stage":"approval","decision":"approve"}' >/dev/null
step_status() { api "$STOKER/api/v1/runs/$1" | python3 -c "
import json,sys; r=json.load(sys.stdin)
print([s['status'] for st in r['stages'] for s in st['steps'] if s['name']==sys.argv[1]][0])" "$2"; }
for i in $(seq 1 300); do
  st=$(step_status "$R4" promote-staging)
  [ "$st" = RUNNING ] && break
  [ "$st" = PENDING ] || fail "promote-staging is $st before the kill"
  sleep 0.1
done
[ "$st" = RUNNING ] || fail "promote-staging never ran"
kill -9 "$(stoker_pid)"
log "killed while promote-staging ran; starting again"
for i in $(seq 1 30); do [ -z "$(stoker_pid)" ] && break; sleep 1; done
stoker_launch
A="Authorization: Bearer $TOKEN"
end=$(await_run "$R4")
st=$(step_status "$R4" promote-staging); sm=$(summary "$R4" promote-staging)
echo "  run 4 $end, promote-staging $st: $sm"
case "$end/$st" in
  FAILED/FAILED) case $sm in *"not repeated"*) ;; *) fail "promote-staging failed otherwise: $sm" ;; esac ;;
  SUCCEEDED/SUCCEEDED) ;;
  *) fail "run 4 ended $end with promote-staging $st" ;;
esac
n=$(api "$STOKER/api/v1/deployments?environment=pt-staging" | python3 -c "
import json,sys; print(len([d for d in json.load(sys.stdin)['items'] if d['runId']==sys.argv[1]]))" "$R4")
[ "$n" -le 1 ] || fail "run 4 deployed $n times"
orphans=$(api "$STOKER/api/v1/environments/orphans")
echo "$orphans" | grep -q 'stoker-pt-' && fail "orphan containers: $orphans"
log "Ignition 8.1: tags through the tag CI/CD module, promote backed up by a data-volume snapshot, rollback"
for n in test staging; do
  api -XPOST "$STOKER/api/v1/environments" -d '{"name":"pt-81'$n'","platform":"ignition","version":"8.1.44","stage":"'$n'"}' >"$WORK/env-81$n.json"
done
api -XPOST "$STOKER/api/v1/projects" -d '{"name":"plant81","platform":"ignition"}' >/dev/null
out=$(curl -s -H "$A" -XPOST "$STOKER/api/v1/projects/plant81/imports?message=fix" -F "project=@$WORK/good.zip;type=application/zip" -F "tags=@$WORK/tags.json;type=application/json")
echo "$out" | grep -q '"changed":true' || fail "import into plant81: $out"
pipeline81() { python3 -c "import json,sys; print(json.dumps({'yaml': sys.stdin.read()}))" <<EOF
stages:
  - name: test81
    environment: pt-81test
    steps:
      - {name: deploy-81, type: deploy, with: {tagProvider: default}}
      - {name: smoke-81, type: smoke}
      - {name: tags-81, type: tag-check, with: {tags: {"Line1/Speed": 42, "Line1/Mode": "AUTO"}}}
  - name: staging81
    environment: pt-81staging
    steps:
      - {name: promote-81, type: promote, with: {tagProvider: default}}
      - {name: check-81, type: http-check, with: {path: $1}}
EOF
}
for n in test staging; do
  id=$(field '["environment"]["id"]' <"$WORK/env-81$n.json")
  for i in $(seq 1 120); do [ "$(api "$STOKER/api/v1/environments/$id" | field '["state"]')" = RUNNING ] && break; sleep 1; done
done
api -XPUT "$STOKER/api/v1/projects/plant81/pipeline" -d "$(pipeline81 /StatusPing)" >/dev/null
R5=$(api -XPOST "$STOKER/api/v1/projects/plant81/runs" -d '{"reason":"8.1"}' | field '["id"]')
[ "$(await_run "$R5")" = SUCCEEDED ] || fail "run 5 (8.1): $(api "$STOKER/api/v1/runs/$R5")"
echo "  $(summary "$R5" tags-81); $(api "$STOKER/api/v1/runs/$R5/steps/promote-81/log" | grep -m1 backup)"
REL81=$(api "$STOKER/api/v1/runs/$R5" | field '["release"]')
api -XPUT "$STOKER/api/v1/projects/plant81/pipeline" -d "$(pipeline81 /no-such-page)" >/dev/null
R6=$(api -XPOST "$STOKER/api/v1/projects/plant81/runs" -d '{"reason":"8.1 bad check"}' | field '["id"]')
[ "$(await_run "$R6")" = FAILED ] || fail "run 6 (8.1) did not fail"
rolled_back pt-81staging "$REL81" "$R6"
staging81=$(field '["environment"]["id"]' <"$WORK/env-81staging.json")
[ "$(api "$STOKER/api/v1/environments/$staging81/backups" | field '["total"]')" = 2 ] || fail "8.1 staging backups: $(api "$STOKER/api/v1/environments/$staging81/backups")"
echo "  8.1 staging rolled back to $REL81 from its data-volume snapshot"
log "a new revision on a branch the pipeline file lists starts a run (the Camel route pipeline-triggers)"
api -XPOST "$STOKER/api/v1/projects" -d '{"name":"pt-trig","platform":"ignition"}' >/dev/null
view 1 ":"; zipit "$WORK/trig1.zip"
curl -s -H "$A" -XPOST "$STOKER/api/v1/projects/pt-trig/imports?message=first" -H "Content-Type: application/zip" --data-binary @"$WORK/trig1.zip" >/dev/null
[ "$(api "$STOKER/api/v1/projects/pt-trig/runs" | field '["total"]')" = 0 ] || fail "a run started without a pipeline file asking for it"
trig=$(python3 -c "import json; print(json.dumps({'yaml': 'triggers:\n  branches: [main]\nstages:\n  - name: validate\n    steps:\n      - type: validate\n'}))")
out=$(api -XPUT "$STOKER/api/v1/projects/pt-trig/pipeline" -d "$trig"); echo "$out" | grep -q '"commit"' || fail "trigger pipeline: $out"
view 2 ":"; zipit "$WORK/trig2.zip"
curl -s -H "$A" -XPOST "$STOKER/api/v1/projects/pt-trig/imports?message=second" -H "Content-Type: application/zip" --data-binary @"$WORK/trig2.zip" >/dev/null
triggered() { api "$STOKER/api/v1/projects/pt-trig/runs" | python3 -c "
import json,sys; print(len([r for r in json.load(sys.stdin)['items'] if r['reason']=='new revision on main' and r['startedBy']=='admin' and r['status']=='SUCCEEDED']))"; }
for i in $(seq 1 60); do [ "$(triggered)" -ge 2 ] && break; sleep 1; done
[ "$(triggered)" -ge 2 ] || fail "the pipeline edit and the import did not each start a run: $(api "$STOKER/api/v1/projects/pt-trig/runs")"
echo "  the pipeline edit and the import each started a run for admin"
log "passed"
