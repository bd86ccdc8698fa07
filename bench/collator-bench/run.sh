#!/bin/sh
# The collator's benchmark as one command: builds what it needs, then, under /work/bench.lock when that exists (so two
# benchmarks never share the machine), prints the CPU model, the load average and every figure:
#   bench/collator-bench/run.sh [events per run (400000)] [repetitions (2)]     throughput vs the floors (BrokerBench)
#   bench/collator-bench/run.sh memory [distinct events (10000000)]              state, heap and RSS (MemoryBench)
# Extra JVM options for the benchmark JVM: JAVA_OPTS (e.g. a JFR recording). SKIP_BUILD=1 reuses the last build.
set -eu
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -ntp -pl bench/collator-bench,streams-collator -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt
fi
CP="$(cat bench/collator-bench/target/classpath.txt):bench/collator-bench/target/classes"
LOCK=/work/bench.lock
run() {
  echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; uptime:$(uptime | sed 's/.*up/ up/')"
  if [ -e "$LOCK" ] || [ -w "$(dirname "$LOCK")" ]; then flock "$LOCK" "$@"; else "$@"; fi
  echo "== done $(date -u +%FT%TZ); uptime:$(uptime | sed 's/.*up/ up/')"
}
if [ "${1:-}" = memory ]; then
  shift
  run java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" io.lakeloop.bench.collator.MemoryBench "${1:-10000000}"
else
  run java -Xmx1500m ${JAVA_OPTS:-} -cp "$CP" io.lakeloop.bench.collator.BrokerBench "${1:-400000}" "${2:-2}"
fi
