#!/usr/bin/env bash
# Repository benchmark, in one run against a throwaway Stoker:
#  1. import of a generated 5,000-resource Ignition project (POST /imports of the export zip) against
#     `git add -A && git commit` of the same files;                                   goal: ratio <= 1.5
#  2. the semantic diff of 500 changed resources (GET /diff) against `git diff --stat`; goal: ratio <= 2
# Each figure is the median of RUNS runs (default 5) after warm-up runs (the JVM compiles the hot paths
# first). Prints figures and ratios.
# Needs: the build (mvn install), git, curl, a JDK (jar).
set -euo pipefail
cd "$(dirname "$0")/.."
RESOURCES=${BENCH_RESOURCES:-5000}
CHANGED=${BENCH_CHANGED:-500}
RUNS=${BENCH_RUNS:-5}
WORK=$(mktemp -d)
PORT=${BENCH_PORT:-18481}
BROKER_PORT=${BENCH_BROKER_PORT:-18716}
. scripts/lib/stoker-instance.sh
cleanup() {
  stoker_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# A project of $RESOURCES Perspective views; $2 = label text of the first $CHANGED views.
generate() {
  local dir=$1 text=$2 i folder label
  mkdir -p "$dir"
  printf '{"title":"Bench","description":"","enabled":true,"inheritable":false,"parent":""}\n' >"$dir/project.json"
  for i in $(seq 1 "$RESOURCES"); do
    folder="$dir/com.inductiveautomation.perspective/views/Area$((i / 100))/View$i"
    mkdir -p "$folder"
    label="Label $i"
    [ "$i" -le "$CHANGED" ] && label="$text $i"
    printf '{"scope":"G","version":1,"restricted":false,"overridable":true,"files":["view.json"],"attributes":{"lastModification":{"actor":"admin","timestamp":"2024-01-01T00:00:00Z"},"lastModificationSignature":"0"}}\n' >"$folder/resource.json"
    printf '{"custom":{},"params":{},"props":{"defaultSize":{"height":600,"width":800}},"root":{"children":[{"meta":{"name":"Label"},"position":{"basis":"32px"},"props":{"style":{"color":"#222222","fontSize":14},"text":"%s"},"type":"ia.display.label"},{"meta":{"name":"Value"},"position":{"basis":"32px"},"propConfig":{"props.text":{"binding":{"config":{"tagPath":"[default]Area%d/Tag%d"},"type":"tag"}}},"props":{"style":{"color":"#0055aa"}},"type":"ia.display.label"}],"meta":{"name":"root"},"props":{"direction":"column"},"type":"ia.container.flex"}}\n' \
      "$label" "$((i / 100))" "$i" >"$folder/view.json"
  done
}

echo "generating a $RESOURCES-resource project"
generate "$WORK/a" "Before"
generate "$WORK/b" "After"
(cd "$WORK/a" && jar --create --no-manifest --file "$WORK/a.zip" .)
(cd "$WORK/b" && jar --create --no-manifest --file "$WORK/b.zip" .)
echo "zips: $(du -k "$WORK/a.zip" | cut -f1) KiB"

git_commit_once() { # fresh repository each time: the same work as a first import
  local repo=$WORK/git-$1 start
  rm -rf "$repo" && cp -r "$WORK/a" "$repo"
  start=$(now_ms)
  (cd "$repo" && git init -q && git add -A && git -c user.name=bench -c user.email=b@x commit -qm import)
  echo $(( $(now_ms) - start ))
}

echo "starting Stoker"
stoker_start
auth=(-H "Authorization: Bearer $TOKEN")

stoker_import_once() { # fresh project each time
  local name=bench-$1 start code
  curl -sf -XPOST "$STOKER/api/v1/projects" "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"platform\":\"ignition\"}" >/dev/null
  start=$(now_ms)
  code=$(curl -s -o "$WORK/import.json" -w '%{http_code}' -XPOST "$STOKER/api/v1/projects/$name/imports" "${auth[@]}" \
    -F "project=@$WORK/a.zip;type=application/zip")
  local t=$(( $(now_ms) - start ))
  [ "$code" = 201 ] || { echo "import failed: $code $(cat "$WORK/import.json")" >&2;
    grep -A20 ERROR "$WORK/stoker/data/log/karaf.log" | tail -40 >&2; return 1; }
  echo "$t"
}

echo "import: warm-up"
git_commit_once w >/dev/null
stoker_import_once w >/dev/null
echo "import: $RUNS runs each"
g=$(for r in $(seq 1 "$RUNS"); do git_commit_once "$r"; done | median)
s=$(for r in $(seq 1 "$RUNS"); do stoker_import_once "$r"; done | median)

echo "diff: preparing two revisions"
repo=$WORK/git-1
rsync -a --delete --exclude .git "$WORK/b/" "$repo/" 2>/dev/null || { (cd "$WORK/b" && tar cf - .) | (cd "$repo" && tar xf -); }
(cd "$repo" && git add -A && git -c user.name=bench -c user.email=b@x commit -qm change)
from=$(sed 's/.*"id":"\([^"]*\)".*/\1/' "$WORK/import.json")
curl -sf -o "$WORK/import2.json" -XPOST "$STOKER/api/v1/projects/bench-$RUNS/imports" "${auth[@]}" \
  -F "project=@$WORK/b.zip;type=application/zip"
to=$(sed 's/.*"id":"\([^"]*\)".*/\1/' "$WORK/import2.json")
changes=$(curl -sf "${auth[@]}" "$STOKER/api/v1/projects/bench-$RUNS/diff?from=$from&to=$to" | grep -o '"kind":"MODIFIED"' | wc -l)
[ "$changes" = "$CHANGED" ] || { echo "expected $CHANGED changed resources, the diff shows $changes" >&2; exit 1; }
git_diff_once() {
  local start
  start=$(now_ms)
  (cd "$repo" && git diff --stat HEAD~1 HEAD >/dev/null)
  echo $(( $(now_ms) - start ))
}
stoker_diff_once() {
  local start
  start=$(now_ms)
  curl -sf -o /dev/null "${auth[@]}" "$STOKER/api/v1/projects/bench-$RUNS/diff?from=$from&to=$to"
  echo $(( $(now_ms) - start ))
}
for w in 1 2 3; do git_diff_once >/dev/null; stoker_diff_once >/dev/null; done
gd=$(for r in $(seq 1 "$RUNS"); do git_diff_once; done | median)
sd=$(for r in $(seq 1 "$RUNS"); do stoker_diff_once; done | median)

awk -v g="$g" -v s="$s" -v gd="$gd" -v sd="$sd" -v n="$RESOURCES" -v c="$CHANGED" 'BEGIN {
  printf "import of %d resources: git add+commit median %d ms, stoker median %d ms, ratio %.2f (goal <= 1.5)\n", n, g, s, s / g
  printf "diff of %d changed:     git diff --stat median %d ms, stoker median %d ms, ratio %.2f (goal <= 2)\n", c, gd, sd, sd / gd }'
