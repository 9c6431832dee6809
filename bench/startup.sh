#!/usr/bin/env bash
# Cold boot of the Stoker distribution until GET /api/v1/health answers 200, against the boot of a stock
# Karaf of the same version until its shell (SSH) accepts connections; prints both, their ratio and Stoker's idle RSS.
# Goal: ratio <= 2.0, idle RSS <= 512 MB. Then where Stoker's boot spent its time (bench/lib/boot-breakdown.py:
# resolver passes, refreshes, slowest bundle starts). Needs the distribution built (mvn install -DskipTests).
# RUNS=3 repeats the whole measurement (the goal holds when every run meets it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${RUNS:-1}" -gt 1 ]; then
  for i in $(seq 1 "$RUNS"); do echo "-- run $i of $RUNS"; RUNS=1 bench/startup.sh; done
  exit 0
fi
KARAF_VERSION=$(sed -n 's:.*<karaf.version>\(.*\)</karaf.version>.*:\1:p' pom.xml | head -1)
TARBALL=$(ls karaf-assembly/target/stoker-*.tar.gz | head -1)
WORK=$(mktemp -d)
trap 'for d in "$WORK"/*/; do "$d/bin/stop" >/dev/null 2>&1 || true; done; sleep 2; rm -rf "$WORK"' EXIT
PORT=${BENCH_PORT:-18181}

now_ms() { date +%s%3N; }
karaf_pid() { pgrep -f "karaf.base=$1" | head -1; }
# CPU time (user + system, ms) a process has used so far: unlike wall time, it hardly moves when other
# work shares the machine, so it tells a slower boot from a busy machine.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

echo "Stoker: $TARBALL"
mkdir "$WORK/stoker" && tar xzf "$TARBALL" -C "$WORK/stoker" --strip-components=1
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$WORK/stoker/etc/org.ops4j.pax.web.cfg"
start=$(now_ms)
"$WORK/stoker/bin/karaf" server >/dev/null 2>&1 &
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/health" || true)" = 200 ]; do
  [ $(( $(now_ms) - start )) -gt 300000 ] && { echo "Stoker did not become healthy in 300 s" >&2; exit 1; }
  sleep 0.2
done
stoker_ms=$(( $(now_ms) - start ))
stoker_cpu=$(cpu_ms "$(karaf_pid "$WORK/stoker")")
sleep 30 # idle
pid=$(karaf_pid "$WORK/stoker")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
"$WORK/stoker/bin/stop" >/dev/null 2>&1 || true
wait_stopped() { local end=$(( $(now_ms) + 60000 )); while karaf_pid "$1" >/dev/null && [ -n "$(karaf_pid "$1")" ]; do
  [ "$(now_ms)" -gt "$end" ] && { kill -9 "$(karaf_pid "$1")" 2>/dev/null || true; break; }; sleep 0.5; done; }
wait_stopped "$WORK/stoker"

# Idle RSS with every on-demand feature installed too (the installedFeatures of karaf-assembly/pom.xml, the ones
# an admin adds with feature:install): a second start of a fresh copy that boots them, 30 s idle, then RSS.
ondemand=$(sed -n '/<installedFeatures>/,/<\/installedFeatures>/s:.*<feature>\(.*\)</feature>.*:\1:p' karaf-assembly/pom.xml | paste -sd, -)
mkdir "$WORK/stoker-all" && tar xzf "$TARBALL" -C "$WORK/stoker-all" --strip-components=1
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$WORK/stoker-all/etc/org.ops4j.pax.web.cfg"
sed -i "s/^\( *stoker\/[^,]*\)$/\1, ${ondemand//,/, }/" "$WORK/stoker-all/etc/org.apache.karaf.features.cfg"
grep -q "${ondemand%%,*}" "$WORK/stoker-all/etc/org.apache.karaf.features.cfg" \
  || { echo "could not add the on-demand features to featuresBoot" >&2; exit 1; }
start=$(now_ms)
"$WORK/stoker-all/bin/karaf" server >/dev/null 2>&1 &
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/health" || true)" = 200 ]; do
  [ $(( $(now_ms) - start )) -gt 300000 ] && { echo "Stoker with every feature did not become healthy in 300 s" >&2; exit 1; }
  sleep 0.2
done
sleep 30 # idle
all_rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$(karaf_pid "$WORK/stoker-all")/status")
grep -q 'dev\.stoker\.search' "$WORK/stoker-all/data/log/karaf.log" \
  || { echo "the on-demand features were not installed (no dev.stoker.search in karaf.log)" >&2; exit 1; }
"$WORK/stoker-all/bin/stop" >/dev/null 2>&1 || true
wait_stopped "$WORK/stoker-all"

echo "Stock Karaf $KARAF_VERSION"
mvn -q -N dependency:copy -Dartifact="org.apache.karaf:apache-karaf:$KARAF_VERSION:tar.gz" -DoutputDirectory="$WORK" >/dev/null
mkdir "$WORK/karaf" && tar xzf "$WORK/apache-karaf-$KARAF_VERSION.tar.gz" -C "$WORK/karaf" --strip-components=1
sed -i "s/^sshPort *=.*/sshPort = 18101/" "$WORK/karaf/etc/org.apache.karaf.shell.cfg"
start=$(now_ms)
"$WORK/karaf/bin/karaf" server >/dev/null 2>&1 &
# the shell is ready when its SSH port accepts connections
until (exec 3<>/dev/tcp/127.0.0.1/18101) 2>/dev/null; do
  [ $(( $(now_ms) - start )) -gt 300000 ] && { echo "stock Karaf shell did not answer in 300 s" >&2; exit 1; }
  sleep 0.2
done
karaf_ms=$(( $(now_ms) - start ))
karaf_cpu=$(cpu_ms "$(karaf_pid "$WORK/karaf")")

awk -v s="$stoker_ms" -v k="$karaf_ms" -v r="$rss_kb" -v sc="$stoker_cpu" -v kc="$karaf_cpu" -v l="$(cut -d' ' -f1 /proc/loadavg)" -v a="$all_rss_kb" -v f="$ondemand" 'BEGIN {
  printf "stoker_boot_to_health_ms %d\nstock_karaf_boot_to_shell_ms %d\nratio %.2f (goal <= 2.0)\nstoker_idle_rss_mb %.0f (goal <= 512)\n", s, k, s / k, r / 1024
  printf "stoker_idle_rss_all_features_mb %.0f (goal <= 512; boot features plus %s)\n", a / 1024, f
  printf "stoker_cpu_to_health_ms %d\nstock_karaf_cpu_to_shell_ms %d\ncpu_ratio %.2f\nload_average_1m %s (a busy machine stretches wall times, not CPU times)\n", sc, kc, sc / kc, l }'
echo "Where Stoker's boot went:"
python3 bench/lib/boot-breakdown.py "$WORK/stoker/data/log/karaf.log" 12
