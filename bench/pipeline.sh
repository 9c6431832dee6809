#!/usr/bin/env bash
# Pipeline benchmark against a throwaway Stoker and emulator gateways on the Docker engine:
#  1. the overhead of a run over the sum of its steps' own work (validate, deploy, smoke, http-check of a
#     project shaped like a real one): (run time - sum of step times) / sum of step times; goal <= 10 %;
#     median of RUNS runs after a warm-up run;
#  2. ten runs of ten projects at once, each to its own test gateway: wall time, and the overhead of each.
# Projects: PROJECT_VIEWS Perspective views (script transforms, event handlers, tag bindings), a script
# library of PROJECT_VIEWS/10 modules and PROJECT_VIEWS/10 named queries, in nested folders.
# Needs: the build (mvn install), a Docker engine, the emulator image, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
VIEWS=${PROJECT_VIEWS:-400}
RUNS=${BENCH_RUNS:-3}
PROJECTS=${BENCH_PROJECTS:-10}
WORK=$(mktemp -d)
PORT=${BENCH_PORT:-18681}
BROKER_PORT=${BENCH_BROKER_PORT:-18916}
SECURE_PORT=${BENCH_SECURE_PORT:-19681}
. scripts/lib/stoker-instance.sh
cleanup() {
  stoker_stop
  for i in $(seq 1 "$PROJECTS"); do
    docker ps -aq --filter "label=dev.stoker.name=bp-$i" | xargs -r docker rm -f >/dev/null 2>&1 || true
    docker volume ls -q | grep "^stoker-bp-$i-" | xargs -r docker volume rm >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 - "$WORK/project.zip" "$VIEWS" <<'EOF'
import json, sys, zipfile
out, views = sys.argv[1], int(sys.argv[2])
res = lambda scope, files: json.dumps({"scope": scope, "version": 1, "restricted": False, "overridable": True,
    "files": files, "attributes": {"lastModification": {"actor": "admin", "timestamp": "2025-01-01T00:00:00Z"},
    "lastModificationSignature": "0"}})
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("project.json", json.dumps({"title": "Bench", "description": "", "enabled": True,
        "inheritable": False, "parent": ""}))
    for i in range(views):
        base = f"com.inductiveautomation.perspective/views/Area{i % 8}/Line{i % 5}/View{i}/"
        children = [{"type": "ia.display.label", "meta": {"name": f"Value{k}"},
            "propConfig": {"props.text": {"binding": {"type": "tag", "config": {"tagPath": f"[default]Area{i % 8}/Tag{k}"},
                "transforms": [{"type": "script", "code": f"\tif value is None:\n\t\treturn '-'\n\treturn '%.{k % 3}f' % value"}]}}},
            "props": {"style": {"fontSize": 14}}} for k in range(6)]
        children.append({"type": "ia.input.button", "meta": {"name": "Ack"}, "events": {"dom": {"onClick": {
            "type": "script", "scope": "G", "config": {"script": f"\tsystem.perspective.sendMessage('ack', {{'view': {i}}})\n\tlogger = system.util.getLogger('bench')\n\tlogger.info('ack %d' % {i})"}}}}})
        view = {"custom": {}, "params": {"area": i % 8}, "props": {"defaultSize": {"height": 600, "width": 800}},
            "root": {"type": "ia.container.flex", "meta": {"name": "root"}, "props": {"direction": "column"}, "children": children}}
        z.writestr(base + "view.json", json.dumps(view, indent=2))
        z.writestr(base + "resource.json", res("G", ["view.json"]))
    for m in range(max(1, views // 10)):
        base = f"ignition/script-python/plant/area{m % 8}/module{m}/"
        code = "\n".join([f"def calc{f}(a, b):\n\t\"\"\"helper {f}\"\"\"\n\tif a > b:\n\t\treturn a - b\n\treturn [x * {f} for x in range(b)]\n" for f in range(12)])
        z.writestr(base + "code.py", code)
        z.writestr(base + "resource.json", res("A", ["code.py"]))
    for q in range(max(1, views // 10)):
        base = f"ignition/named-query/Reports/Q{q}/"
        z.writestr(base + "query.sql", f"SELECT t_stamp, value FROM history_{q} WHERE t_stamp > :start ORDER BY t_stamp")
        z.writestr(base + "resource.json", res("A", ["query.sql"]))
EOF
echo "project: $VIEWS views, $((VIEWS / 10)) script modules, $((VIEWS / 10)) named queries; zip $(du -k "$WORK/project.zip" | cut -f1) KiB"

echo "starting Stoker"
stoker_start
A="Authorization: Bearer $TOKEN"; J='Content-Type: application/json'
api() { curl -s -H "$A" -H "$J" "$@"; }
api -XPOST "$STOKER/api/v1/secrets" -d '{"scope":"workspace","path":"ignition/api-token","type":"api_token","value":"stoker:bench-'"$RANDOM$RANDOM"'"}' >/dev/null
for i in $(seq 1 "$PROJECTS"); do
  api -XPOST "$STOKER/api/v1/environments" -d '{"name":"bp-'$i'","platform":"ignition","version":"8.3.4","stage":"test","secrets":{"EMULATOR_API_KEYS":"ignition/api-token"}}' >/dev/null
  api -XPOST "$STOKER/api/v1/projects" -d '{"name":"bp-'$i'","platform":"ignition"}' >/dev/null
  curl -sf -H "$A" -XPOST "$STOKER/api/v1/projects/bp-$i/imports" -H 'Content-Type: application/zip' --data-binary @"$WORK/project.zip" >/dev/null
  KEY='apiKeySecret: "workspace:ignition/api-token"'
  yaml="stages:
  - name: validate
    steps:
      - type: validate
  - name: test
    environment: bp-$i
    steps:
      - {name: deploy, type: deploy, with: {$KEY}}
      - {name: smoke, type: smoke, with: {$KEY}}
      - {name: ping, type: http-check, with: {path: /StatusPing}}
"
  api -XPUT "$STOKER/api/v1/projects/bp-$i/pipeline" -d "$(python3 -c 'import json,sys; print(json.dumps({"yaml": sys.argv[1]}))' "$yaml")" >/dev/null
done
echo "waiting for $PROJECTS gateways"
for i in $(seq 1 300); do
  n=$(api "$STOKER/api/v1/environments?limit=500" | python3 -c "import json,sys; print(sum(1 for e in json.load(sys.stdin)['items'] if e['spec']['name'].startswith('bp-') and e['state']=='RUNNING'))")
  [ "$n" -ge "$PROJECTS" ] && break; sleep 2
done

start_run() { api -XPOST "$STOKER/api/v1/projects/$1/runs" -d '{"reason":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
await_end() {
  local s
  for i in $(seq 1 600); do
    s=$(api "$STOKER/api/v1/runs/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    case $s in SUCCEEDED) return 0 ;; FAILED|CANCELLED) echo "run $1 $s" >&2; api "$STOKER/api/v1/runs/$1" >&2; return 1 ;; esac
    sleep 0.2
  done
  return 1
}
# prints: run ms (first step start to end), sum of step ms, queue ms (asked to first step), overhead %
figures() { api "$STOKER/api/v1/runs/$1" | python3 -c '
import json, sys
from datetime import datetime
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() * 1000
r = json.load(sys.stdin)
steps = [s for st in r["stages"] for s in st["steps"]]
work = sum(t(s["endedAt"]) - t(s["startedAt"]) for s in steps)
run = t(r["endedAt"]) - t(r["startedAt"])
print("%d %d %d %.1f" % (run, work, t(r["startedAt"]) - t(r["createdAt"]), 100 * (run - work) / work))'; }

echo "1. one run at a time (warm-up, then $RUNS runs)"
id=$(start_run bp-1); await_end "$id"
for r in $(seq 1 "$RUNS"); do
  id=$(start_run bp-1); await_end "$id"; figures "$id"
done >"$WORK/single.txt"
awk '{print "   run " $1 " ms, steps " $2 " ms, queued " $3 " ms, overhead " $4 " %"}' "$WORK/single.txt"
echo "   median overhead: $(cut -d' ' -f4 "$WORK/single.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') % (goal <= 10 %)"

echo "2. $PROJECTS runs of $PROJECTS projects at once"
t0=$(date +%s%3N)
ids=(); for i in $(seq 1 "$PROJECTS"); do ids+=("$(start_run "bp-$i")"); done
for id in "${ids[@]}"; do await_end "$id"; done
t1=$(date +%s%3N)
for id in "${ids[@]}"; do figures "$id"; done >"$WORK/many.txt"
echo "   wall time $((t1 - t0)) ms for $PROJECTS runs; sum of their steps $(awk '{s+=$2} END {print s}' "$WORK/many.txt") ms"
echo "   per run: overhead median $(cut -d' ' -f4 "$WORK/many.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') %, max $(cut -d' ' -f4 "$WORK/many.txt" | sort -n | tail -1) %; queued median $(cut -d' ' -f3 "$WORK/many.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms (parallelRuns = 4)"
