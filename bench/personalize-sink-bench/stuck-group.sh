#!/usr/bin/env bash
# Issue 11 item 9: heap of one Personalize sink task while one group is stuck (retried for the whole run) and the
# others flow at 9,000 events/s, under -Xmx512m: the current build and a baseline build side by side, in one run.
# Usage (from the repository root): bench/personalize-sink-bench/stuck-group.sh [seconds] [events/s] [baseline-rev]
# Builds first (-DskipTests; installs nothing), then measures; with BENCH_LOCK set (e.g. /work/bench.lock on a shared
# machine) only the measurement runs under `flock "$BENCH_LOCK"`, so two benchmarks never run at once.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN="${1:-120}"
RATE="${2:-9000}"
BASELINE="${3:-7b1c564}"   # main before the memory fix
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

./mvnw -B -q -ntp -pl bench/personalize-sink-bench -am package -DskipTests
cp bench/personalize-sink-bench/target/personalize-sink-bench.jar "$WORK/current.jar"

# the baseline: the connector as it was at $BASELINE, with this bench class (it uses only API present in both)
git archive "$BASELINE" | tar -x -C "$WORK" --one-top-level=baseline
cp bench/personalize-sink-bench/src/main/java/io/lakeloop/bench/personalize/StuckGroupBench.java \
   "$WORK/baseline/bench/personalize-sink-bench/src/main/java/io/lakeloop/bench/personalize/"
(cd "$WORK/baseline" && ./mvnw -B -q -ntp -pl bench/personalize-sink-bench -am package -DskipTests)
cp "$WORK/baseline/bench/personalize-sink-bench/target/personalize-sink-bench.jar" "$WORK/baseline.jar"

CURRENT="$(git rev-parse --short HEAD)"
measure() {
  echo "== $(grep 'model name' /proc/cpuinfo | head -1), $(nproc) cores; $(uptime)"
  for side in baseline current; do
    echo "== $side ($( [ "$side" = baseline ] && echo "$BASELINE" || echo "$CURRENT")), -Xmx512m, ${SECONDS_TO_RUN} s at ${RATE} events/s"
    java -Xmx512m -Dsun.net.httpserver.nodelay=true -cp "$WORK/$side.jar" \
      io.lakeloop.bench.personalize.StuckGroupBench "$SECONDS_TO_RUN" "$RATE"
    echo "== after $side: $(uptime)"
  done
}
if [ -n "${BENCH_LOCK:-}" ]; then
  exec 9>>"$BENCH_LOCK"
  flock 9
fi
measure
