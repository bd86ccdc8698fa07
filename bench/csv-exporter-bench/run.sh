#!/usr/bin/env bash
# csv-exporter benchmark: MB/s of gzipped lake parts turned into the single Personalize CSV, side by side with
#  (a) the physical limit, zcat of the same parts to a file, and (b) the seed's Glue approach (glue_port.py)
#  against the same s3proxy; plus peak heap and RSS of the exporter at -Xmx128m on the large input.
# Usage: bench/csv-exporter-bench/run.sh [work-dir] [local-parts] [s3-parts] [rows-per-part] [rounds]
#        LOCAL_ROUNDS=0 skips the local comparison (e.g. to rerun only the S3 one); S3_ROUNDS=0 skips the S3 one.
#        BASELINE_JAR=<an earlier csv-exporter.jar> adds it to the local rounds, side by side (did a change cost?).
# Needs: ./mvnw -pl csv-exporter -am package (target/csv-exporter.jar), python3 with boto3, zcat, /usr/bin/time.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${1:-/tmp/csv-exporter-bench}"
LOCAL_PARTS="${2:-256}"
S3_PARTS="${3:-24}"
ROWS="${4:-200000}"
ROUNDS="${5:-3}"
JAR="$ROOT/csv-exporter/target/csv-exporter.jar"
S3PROXY_JAR="$HOME/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar"
[ -f "$JAR" ] || { echo "build first: ./mvnw -pl csv-exporter -am package -DskipTests"; exit 2; }
mkdir -p "$WORK"

if [ ! -d "$WORK/parts" ]; then
  java "$HERE/GenerateParts.java" "$WORK/parts" "$LOCAL_PARTS" "$ROWS" 2
fi
GZ_BYTES=$(du -cb "$WORK"/parts/*.gz | tail -1 | cut -f1)

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "local input: $LOCAL_PARTS parts, $GZ_BYTES bytes gzipped"

LOCAL_ROUNDS="${LOCAL_ROUNDS:-$ROUNDS}"
echo "== local: zcat vs exporter (-Xmx128m), $LOCAL_ROUNDS rounds, interleaved"
for r in $(seq "$LOCAL_ROUNDS"); do
  t0=$(now); cat "$WORK"/parts/*.gz | zcat > "$WORK/zcat.csv"; t1=$(now)
  z=$(secs "$t0" "$t1"); rm -f "$WORK/zcat.csv"
  t0=$(now)
  /usr/bin/time -f "%M" -o "$WORK/rss.txt" java -Xmx128m -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" \
      --source "$WORK/parts" --output "$WORK/out/personalize_input.csv" --no-progress > /dev/null
  t1=$(now); e=$(secs "$t0" "$t1")
  peak=$(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1 || true)
  live=$(grep -o -- '->[0-9]*M' "$WORK/gc.log" | sed 's/->//; s/M//' | sort -n | tail -1 || true)
  echo "round $r: zcat $z s ($(mbps "$GZ_BYTES" "$z") MB/s)  exporter $e s ($(mbps "$GZ_BYTES" "$e") MB/s)" \
       " ratio $(awk -v z="$z" -v e="$e" 'BEGIN { printf "%.2f", z / e }')  heap used max ${peak:-?} MiB (after GC max ${live:-?} MiB)" \
       " max RSS $(( $(cat "$WORK/rss.txt") / 1024 )) MiB  load $(cut -d' ' -f1 /proc/loadavg)"
  rm -f "$WORK/out/personalize_input.csv"
  if [ -n "${BASELINE_JAR:-}" ]; then
    t0=$(now)
    /usr/bin/time -f "%M" -o "$WORK/rss.txt" java -Xmx128m -jar "$BASELINE_JAR" \
        --source "$WORK/parts" --output "$WORK/out/personalize_input.csv" --no-progress > /dev/null
    t1=$(now); b=$(secs "$t0" "$t1")
    echo "round $r: baseline jar $b s ($(mbps "$GZ_BYTES" "$b") MB/s)  exporter/baseline time $(awk -v b="$b" -v e="$e" \
         'BEGIN { printf "%.2f", e / b }')  max RSS $(( $(cat "$WORK/rss.txt") / 1024 )) MiB  load $(cut -d' ' -f1 /proc/loadavg)"
    rm -f "$WORK/out/personalize_input.csv"
  fi
done
[ "${S3_ROUNDS:-1}" = "0" ] && exit 0

echo "== S3 (s3proxy process, filesystem store): Glue port vs exporter, first $S3_PARTS parts"
rm -rf "$WORK/s3parts" "$WORK/s3one"
mkdir -p "$WORK/s3store" "$WORK/s3parts" "$WORK/s3one"
for f in $(ls "$WORK"/parts/*.gz | head -n "$S3_PARTS"); do ln -sf "$f" "$WORK/s3parts/"; done
ln -sf "$(ls "$WORK"/parts/*.gz | head -n 1)" "$WORK/s3one/"
PREFIX="t200/n=$S3_PARTS/"
S3_BYTES=$(du -cLb "$WORK"/s3parts/*.gz | tail -1 | cut -f1)
cat > "$WORK/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:18181
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$WORK/s3store
PROPS
LOG_LEVEL=warn java -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
S3PID=$!
trap 'kill $S3PID 2>/dev/null || true' EXIT
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1 \
       AWS_ENDPOINT_URL=http://127.0.0.1:18181
for i in $(seq 60); do curl -s -o /dev/null http://127.0.0.1:18181/ && break; sleep 1; done
python3 "$HERE/upload.py" "$WORK/s3parts" lake "$PREFIX"
python3 "$HERE/upload.py" "$WORK/s3one" lake "t200/one/" > /dev/null
echo "s3 input: $S3_PARTS parts, $S3_BYTES bytes gzipped"
CDS="$WORK/csv-exporter.jsa" # an AppCDS archive of the classes one S3-to-S3 export loads (not timed)
java -XX:ArchiveClassesAtExit="$CDS" -Xmx128m -jar "$JAR" --source "s3://lake/t200/one/" \
    --output "s3://downstream/recommender/one.csv" --no-progress > /dev/null 2>&1
for r in $(seq "$ROUNDS"); do
  t0=$(now); python3 "$HERE/glue_port.py" lake "$PREFIX" downstream glue/personalize_input.csv; t1=$(now)
  g=$(secs "$t0" "$t1")
  t0=$(now)
  java -Xmx128m -jar "$JAR" --source "s3://lake/$PREFIX" \
      --output "s3://downstream/recommender/personalize_input.csv" --no-progress > /dev/null
  t1=$(now); e=$(secs "$t0" "$t1")
  t0=$(now) # the same with an AppCDS archive (docs/csv-exporter.md, "Start-up"), made once before the rounds
  java -XX:SharedArchiveFile="$CDS" -Xmx128m -jar "$JAR" --source "s3://lake/$PREFIX" \
      --output "s3://downstream/recommender/personalize_input.csv" --no-progress > /dev/null
  t1=$(now); c=$(secs "$t0" "$t1")
  echo "round $r: glue port $g s ($(mbps "$S3_BYTES" "$g") MB/s)  exporter $e s ($(mbps "$S3_BYTES" "$e") MB/s)" \
       " ratio $(awk -v g="$g" -v e="$e" 'BEGIN { printf "%.2f", g / e }')  exporter+AppCDS $c s" \
       " ratio $(awk -v g="$g" -v c="$c" 'BEGIN { printf "%.2f", g / c }')  load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "== fixed cost: the same two on a single part (JVM + SDK start-up and warm-up vs the Python interpreter + boto3)"
t0=$(now); python3 "$HERE/glue_port.py" lake "t200/one/" downstream glue/one.csv; t1=$(now); g=$(secs "$t0" "$t1")
t0=$(now)
java -Xmx128m -jar "$JAR" --source "s3://lake/t200/one/" --output "s3://downstream/recommender/one.csv" --no-progress > /dev/null
t1=$(now); e=$(secs "$t0" "$t1")
t0=$(now)
java -XX:SharedArchiveFile="$CDS" -Xmx128m -jar "$JAR" --source "s3://lake/t200/one/" \
    --output "s3://downstream/recommender/one.csv" --no-progress > /dev/null
t1=$(now); c=$(secs "$t0" "$t1")
echo "one part ($(du -Lb "$WORK"/s3one/*.gz | cut -f1) bytes gzipped): glue port $g s  exporter $e s  exporter+AppCDS $c s"
