#!/bin/sh
# The collator's benchmark as one command: builds what it needs, then, under /work/bench.lock when that exists (so two
# benchmarks never share the machine), prints the CPU model, the load average and every figure:
#   bench/collator-bench/run.sh [events per run (400000)] [repetitions (2)]     throughput vs the floors (BrokerBench)
#   bench/collator-bench/run.sh memory [distinct events (10000000)]              state, heap and RSS (MemoryBench)
# Environment:
#   BASELINE=<git rev>   also runs the collator of that commit, built in a temporary worktree (a before/after in the
#                        same run; remove it afterwards with `git worktree remove --force <dir>`)
#   JAVA_OPTS            options of the bench JVM (the broker): -Dbench.shapes=FLAT, -Dbench.only=..., -Dbench.extra=...
#                        (see BrokerBench), -Dbench.heap=... (MemoryBench)
#   CONTENDER_JAVA_OPTS  options of each contender's JVM (default -Xmx512m; %a = its application id, e.g.
#                        "-Xmx512m -XX:StartFlightRecording=filename=/tmp/%a.jfr,settings=profile")
#   SKIP_BUILD=1         reuses the last build (of this tree and of the baseline)
set -eu
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -ntp -pl bench/collator-bench,streams-collator -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt
fi
CP="$(cat bench/collator-bench/target/classpath.txt):bench/collator-bench/target/classes"
BASELINE_OPTS=""
if [ -n "${BASELINE:-}" ]; then
  rev=$(git rev-parse --short "$BASELINE")
  bwt="${TMPDIR:-/tmp}/lakeloop-collator-baseline-$rev"
  [ -d "$bwt" ] || git worktree add --detach "$bwt" "$rev" >/dev/null
  if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$bwt/streams-collator/target/classpath.txt" ]; then
    (cd "$bwt" && ./mvnw -B -q -ntp -pl streams-collator -am package dependency:build-classpath -DskipTests \
      -Dlakeloop.skip.foundation.tests=true -Dmdep.outputFile=target/classpath.txt)
  fi
  BASELINE_OPTS="-Dbench.baseline.name=$rev -Dbench.baseline.cp=$(cat "$bwt/streams-collator/target/classpath.txt"):$bwt/streams-collator/target/classes"
  echo "baseline: $rev built in $bwt"
fi
LOCK=/work/bench.lock
run() {
  echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; uptime:$(uptime | sed 's/.*up/ up/')"
  echo "== commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- streams-collator lakeloop-core bench/collator-bench || echo ' + uncommitted changes')"
  if [ -e "$LOCK" ] || [ -w "$(dirname "$LOCK")" ]; then flock "$LOCK" "$@"; else "$@"; fi
  echo "== done $(date -u +%FT%TZ); uptime:$(uptime | sed 's/.*up/ up/')"
}
if [ "${1:-}" = memory ]; then
  shift
  run java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" io.lakeloop.bench.collator.MemoryBench "${1:-10000000}"
else
  # shellcheck disable=SC2086
  run java -Xmx1500m ${JAVA_OPTS:-} $BASELINE_OPTS -cp "$CP" io.lakeloop.bench.collator.BrokerBench "${1:-400000}" "${2:-2}"
fi
