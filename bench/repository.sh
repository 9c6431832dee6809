#!/usr/bin/env bash
# Repository benchmark, in one run against a throwaway Stoker:
#  1. import of a realistic Ignition project (bench/realistic_project.py: nested folders, long view.json files
#     with embedded scripts and runtime values, thumbnails, named queries, script modules, Vision windows;
#     BENCH_VIEWS=1200 gives ~5,000 files, ~125 MB) as its export zip (POST /imports) against
#     `git add -A && git commit` of the same files;                                    goal: ratio <= 1.5
#     and an unchanged re-import (should cost little more than hashing); the export of the imported revision
#     (GET /export) against `git archive --format=zip` of the same commit, checked byte for byte against the files;
#  2. the semantic diff of the first BENCH_CHANGED views re-saved with another label (GET /diff) against
#     `git diff --stat`;                                                              goal: ratio <= 2
#  3. a merge replay (bench/merge_replay.py): consecutive edits replayed as parallel branches, merged by
#     Stoker and by `git merge`.
# Wall-clock figures are the median of RUNS runs (default 5) after a warm-up run; CPU time (user + system)
# is printed beside them because on a shared machine it is the steadier of the two. Peak RSS is Stoker's.
# Needs: the build (mvn install), git, curl, python3, a JDK (jar).
set -euo pipefail
cd "$(dirname "$0")/.."
VIEWS=${BENCH_VIEWS:-1200}
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
# CPU time (user + system, ms) a process has used so far
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

echo "generating a realistic project of $VIEWS views"
python3 bench/realistic_project.py project "$WORK/a" "$VIEWS"
cp -r "$WORK/a" "$WORK/b"
# b: the first $CHANGED views that show a text re-saved with another one
find "$WORK/b" -name view.json | sort | xargs grep -l '"text": "' | awk -v n="$CHANGED" 'NR <= n' \
  | xargs sed -i '0,/"text": "/s//"text": "After /'
(cd "$WORK/a" && jar --create --no-manifest --file "$WORK/a.zip" .)
(cd "$WORK/b" && jar --create --no-manifest --file "$WORK/b.zip" .)
echo "project: $(find "$WORK/a" -type f | wc -l) files, $(du -sb "$WORK/a" | cut -f1) bytes; zip $(du -k "$WORK/a.zip" | cut -f1) KiB"

git_commit_once() { # fresh repository each time: the same work as a first import; prints wall and CPU ms
  local repo=$WORK/git-$1 out
  rm -rf "$repo" && cp -r "$WORK/a" "$repo"
  out=$( { cd "$repo" && /usr/bin/time -f '%e %U %S' sh -c 'git init -q && git add -A &&
    git -c user.name=bench -c user.email=b@x commit -qm import'; } 2>&1 | tail -n 1)
  echo "$out" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
}

echo "starting Stoker"
stoker_start
auth=(-H "Authorization: Bearer $TOKEN")
PID=$(stoker_pid)

stoker_import_once() { # $1 project (created when new), $2 zip; prints wall and CPU ms
  local name=bench-$1 start cpu code
  curl -s -o /dev/null -XPOST "$STOKER/api/v1/projects" "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"platform\":\"ignition\"}"
  cpu=$(cpu_ms "$PID")
  start=$(now_ms)
  code=$(curl -s -o "$WORK/import.json" -w '%{http_code}' -XPOST "$STOKER/api/v1/projects/$name/imports" "${auth[@]}" \
    -F "project=@$2;type=application/zip")
  echo "$(( $(now_ms) - start )) $(( $(cpu_ms "$PID") - cpu ))"
  [ "$code" = 201 ] || [ "$code" = 200 ] || { echo "import failed: $code $(cat "$WORK/import.json")" >&2;
    grep -A20 ERROR "$WORK/stoker/data/log/karaf.log" | tail -40 >&2; return 1; }
}

echo "import: warm-up"
git_commit_once w >/dev/null
stoker_import_once w "$WORK/a.zip" >/dev/null
echo "import: $RUNS runs each"
for r in $(seq 1 "$RUNS"); do git_commit_once "$r"; done >"$WORK/git.txt"
for r in $(seq 1 "$RUNS"); do stoker_import_once "$r" "$WORK/a.zip"; done >"$WORK/stoker.txt"
for r in $(seq 1 "$RUNS"); do stoker_import_once "$r" "$WORK/a.zip"; done >"$WORK/again.txt"
g=$(cut -d' ' -f1 "$WORK/git.txt" | median); gc=$(cut -d' ' -f2 "$WORK/git.txt" | median)
s=$(cut -d' ' -f1 "$WORK/stoker.txt" | median); sc=$(cut -d' ' -f2 "$WORK/stoker.txt" | median)
u=$(cut -d' ' -f1 "$WORK/again.txt" | median); uc=$(cut -d' ' -f2 "$WORK/again.txt" | median)

# export: the imported revision as the project zip a gateway imports, against `git archive` of the same commit
git_export_once() {
  local start
  start=$(now_ms)
  (cd "$WORK/git-1" && git archive --format=zip -o "$WORK/git-export.zip" HEAD)
  echo $(( $(now_ms) - start ))
}
stoker_export_once() {
  local start
  start=$(now_ms)
  curl -sf -o "$WORK/stoker-export.zip" "${auth[@]}" "$STOKER/api/v1/projects/bench-1/export?rev=main"
  echo $(( $(now_ms) - start ))
}
echo "export: $RUNS runs each"
git_export_once >/dev/null; stoker_export_once >/dev/null
ge=$(for r in $(seq 1 "$RUNS"); do git_export_once; done | median)
se=$(for r in $(seq 1 "$RUNS"); do stoker_export_once; done | median)
# byte-faithful: every file of the export is the one imported
(mkdir -p "$WORK/exported" && cd "$WORK/exported" && jar --extract --file "$WORK/stoker-export.zip")
diff -r -q "$WORK/a" "$WORK/exported" >&2 || { echo "the export differs from the imported files" >&2; exit 1; }
rss=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$PID/status")

echo "diff: preparing two revisions"
repo=$WORK/git-1
rsync -a --delete --exclude .git "$WORK/b/" "$repo/" 2>/dev/null || { (cd "$WORK/b" && tar cf - .) | (cd "$repo" && tar xf -); }
(cd "$repo" && git add -A && git -c user.name=bench -c user.email=b@x commit -qm change)
from=$(sed 's/.*"id":"\([^"]*\)".*/\1/' "$WORK/import.json")
curl -sf -o "$WORK/import2.json" -XPOST "$STOKER/api/v1/projects/bench-$RUNS/imports" "${auth[@]}" \
  -F "project=@$WORK/b.zip;type=application/zip"
to=$(sed 's/.*"id":"\([^"]*\)".*/\1/' "$WORK/import2.json")
changes=$(curl -sf "${auth[@]}" "$STOKER/api/v1/projects/bench-$RUNS/diff?from=$from&to=$to&kind=MODIFIED&limit=1" \
  | sed 's/.*"total":\([0-9]*\).*/\1/')
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
  curl -sf -o /dev/null "${auth[@]}" "$STOKER/api/v1/projects/bench-$RUNS/diff?from=$from&to=$to&limit=500"
  echo $(( $(now_ms) - start ))
}
for w in 1 2 3; do git_diff_once >/dev/null; stoker_diff_once >/dev/null; done
gd=$(for r in $(seq 1 "$RUNS"); do git_diff_once; done | median)
sd=$(for r in $(seq 1 "$RUNS"); do stoker_diff_once; done | median)

files=$(find "$WORK/a" -type f | wc -l)
awk -v g="$g" -v s="$s" -v gc="$gc" -v sc="$sc" -v u="$u" -v uc="$uc" -v gd="$gd" -v sd="$sd" -v n="$files" \
  -v c="$CHANGED" -v rss="$rss" -v ge="$ge" -v se="$se" 'BEGIN {
  printf "import of %d files:  git add+commit median %d ms (cpu %d ms), stoker median %d ms (cpu %d ms), ratio %.2f (cpu %.2f) (goal <= 1.5)\n", n, g, gc, s, sc, s / g, sc / gc
  printf "unchanged re-import: stoker median %d ms (cpu %d ms), %.2f of git add+commit\n", u, uc, u / g
  printf "stoker peak RSS: %d MiB\n", rss
  printf "export of %d files:  git archive --format=zip median %d ms, stoker median %d ms, ratio %.2f; every file byte-identical\n", n, ge, se, se / ge
  printf "diff of %d changed:     git diff --stat median %d ms, stoker median %d ms, ratio %.2f (goal <= 2)\n", c, gd, sd, sd / gd }'

echo "merge replay: ${BENCH_PAIRS:-20} pairs of consecutive edits as parallel branches"
python3 bench/merge_replay.py "$STOKER" "$TOKEN" "$WORK/replay" "${BENCH_REPLAY_VIEWS:-100}" "${BENCH_PAIRS:-20}"
