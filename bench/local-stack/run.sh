#!/bin/sh
# The local stack's end-to-end benchmark as one command: `lakeloop demo` with the arguments given, run from this tree's
# last build (LAKELOOP_SKIP_BUILD=1: build first, e.g. `./mvnw -q package -DskipTests`, ideally in a copy of the tree
# so that no other build rewrites the jars mid-run), with what a figure needs beside it:
#   - the date, the commit, the CPU model and the load average at the start and the end;
#   - every 15 s: the load average and the CPU time (user+system, clock ticks of /proc/<pid>/stat) of each JVM of the
#     stack, named by its main class or jar, into $OUT/samples.tsv;
#   - the demo's JSON report in $OUT/report.json, its log in $OUT/demo.log.
# Usage:
#   OUT=/tmp/chaos-all bench/local-stack/run.sh --chaos all --timeout PT20M
#   OUT=/tmp/latency   bench/local-stack/run.sh --rate 2000 --duration 120s --timeout 2m
# Ports: below 32768 (Linux's ephemeral range starts there; a port inside it can be any process's outgoing port).
set -eu
cd "$(dirname "$0")/../.."
OUT="${OUT:-/tmp/lakeloop-stack-bench}"
mkdir -p "$OUT"
rm -rf "$OUT/data"
hz=$(getconf CLK_TCK)
echo "== $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' + uncommitted changes'); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; uptime:$(uptime | sed 's/.*up/ up/')"
(
  printf 'utc\tload1\tpid\tprocess\tcpu_seconds\n'
  while :; do
    now=$(date -u +%T)
    load=$(cut -d' ' -f1 /proc/loadavg)
    for p in $(pgrep -f "$OUT/data" || true); do
      [ -r "/proc/$p/stat" ] || continue
      name=$(tr '\0' ' ' < "/proc/$p/cmdline" | grep -o 'io\.lakeloop\.[A-Za-z.]*\|org\.apache\.kafka\.[A-Za-z.]*\|s3proxy[^ ]*\|[a-z-]*\.jar' | head -1)
      ticks=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
      printf '%s\t%s\t%s\t%s\t%s\n' "$now" "$load" "$p" "${name:-?}" "$(echo "$ticks $hz" | awk '{printf "%.1f", $1 / $2}')"
    done
    sleep 15
  done
) > "$OUT/samples.tsv" 2>/dev/null &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT
status=0
LAKELOOP_SKIP_BUILD=1 LAKELOOP_JAVA_OPTS="${LAKELOOP_JAVA_OPTS:--Xmx2g}" ./lakeloop demo --json --data-dir "$OUT/data" \
  --kafka-port 21100 --controller-port 21101 --s3-port 21102 --emulator-port 21103 --connect-port 21104 \
  --collator-port 21107 "$@" > "$OUT/report.json" 2> "$OUT/demo.log" || status=$?
echo "== $(date -u +%FT%TZ) exit $status; uptime:$(uptime | sed 's/.*up/ up/'); report $OUT/report.json, samples $OUT/samples.tsv"
exit "$status"
