#!/usr/bin/env bash
# csv-exporter Parquet benchmark: a ~1 GB Parquet lake table (lake schema, 7 columns, 128 MB+ row groups, written by
# DuckDB) turned into the Personalize CSV by (a) DuckDB — COPY (SELECT USER_ID, ITEM_ID, TIMESTAMP FROM
# read_parquet(...)) TO ... (HEADER), its own multi-threaded Parquet reader and CSV writer — and (b) the exporter
# (java -Xmx256m -jar), interleaved on the same files in the same run. Prints wall time, CPU time (user+sys), max RSS,
# and the exporter's heap (GC log), plus the fixed cost of both on one small part.
# Usage: bench/csv-exporter-bench/run-parquet.sh [work-dir] [rounds] [compression: snappy|zstd|gzip|uncompressed]
#        XMX=512m: the exporter's heap (default 256m); SKIP_FIXED=1 skips the one-part rounds.
# Optional: the parquet-java probe (see parquet-java-probe/pom.xml) adds its fixed cost beside ours.
# Needs: ./mvnw -pl csv-exporter -am verify (or package; csv-exporter/target/csv-exporter.jar, and duckdb_jdbc in
#        ~/.m2, which the exporter's tests resolve), /usr/bin/time.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${1:-/tmp/csv-exporter-parquet-bench}"
ROUNDS="${2:-3}"
CODEC="${3:-snappy}"
JAR="$ROOT/csv-exporter/target/csv-exporter.jar"
DUCK="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/1.4.4.0/duckdb_jdbc-1.4.4.0.jar"
FILES="${FILES:-8}"                 # parts
ROWS_PER_FILE="${ROWS_PER_FILE:-3000000}"   # one row group each: ~130 MB compressed (snappy), ~174 MB in memory
[ -f "$JAR" ] || { echo "build first: ./mvnw -pl csv-exporter -am package -DskipTests"; exit 2; }
[ -f "$DUCK" ] || { echo "duckdb_jdbc missing: ./mvnw -pl csv-exporter -am test-compile resolves it"; exit 2; }
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$DUCK" "$HERE/DuckDbTool.java"
duck() { java -cp "$WORK/classes:$DUCK" DuckDbTool "$@"; }
T="$WORK/table-$CODEC"
if [ ! -d "$T" ]; then
  mkdir -p "$T"
  for f in $(seq 0 $((FILES - 1))); do
    duck "COPY (SELECT 'user-' || ((i * 7919) % 1000003) AS USER_ID, 'item-' || ((i * 104729) % 300007) AS ITEM_ID,
            1700000000 + (i // 40) AS TIMESTAMP, CASE WHEN i % 5 = 0 THEN 'view' ELSE 'click' END AS EVENT_TYPE,
            CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 100) / 10.0 END AS EVENT_VALUE, 's-' || (i // 9) AS SESSION_ID,
            md5(CAST(i AS VARCHAR)) AS EVENT_ID
          FROM range($f * $ROWS_PER_FILE, ($f + 1) * $ROWS_PER_FILE) r(i))
          TO '$T/part-$f.parquet' (FORMAT PARQUET, COMPRESSION $CODEC, ROW_GROUP_SIZE $ROWS_PER_FILE)"
  done
fi
mkdir -p "$WORK/one-$CODEC"
[ -f "$WORK/one-$CODEC/part.parquet" ] || duck "COPY (SELECT * FROM read_parquet('$T/part-0.parquet') LIMIT 10000)
      TO '$WORK/one-$CODEC/part.parquet' (FORMAT PARQUET, COMPRESSION $CODEC)"
mkdir -p "$WORK/one-csv"
[ -f "$WORK/one-csv/part.csv" ] || duck "COPY (SELECT * FROM read_parquet('$WORK/one-$CODEC/part.parquet'))
      TO '$WORK/one-csv/part.csv' (HEADER)"
BYTES=$(du -cb "$T"/*.parquet | tail -1 | cut -f1)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "table: $FILES parts, $BYTES bytes of $CODEC Parquet"
duck "SELECT count(*) AS row_groups, min(rows), max(rows), round(min(bytes) / 1e6, 1) AS min_mb,
             round(max(bytes) / 1e6, 1) AS max_mb
      FROM (SELECT file_name, row_group_id, any_value(row_group_num_rows) AS rows,
                   any_value(row_group_bytes) AS bytes
            FROM parquet_metadata('$T/*.parquet') GROUP BY ALL)" | sed 's/^/row groups (count, rows min max, MB min max): /'
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
timed() { # label, command...: wall s, CPU s (user+sys), max RSS MiB
  local f="$WORK/time.txt"
  /usr/bin/time -f "%e %U %S %M" -o "$f" "${@:2}" > /dev/null
  read -r wall user sys rss < "$f"
  echo "$1 $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $((rss / 1024))"
}
echo "== $ROUNDS rounds, interleaved: DuckDB vs exporter (-Xmx${XMX:-256m}), same files, output to local CSV"
for r in $(seq "$ROUNDS"); do
  rm -f "$WORK/duck.csv" "$WORK/exp.csv" "$WORK/exp.csv.report.json"
  read -r _ dw dc dr < <(timed duck java -cp "$WORK/classes:$DUCK" DuckDbTool "COPY (SELECT USER_ID, ITEM_ID, TIMESTAMP FROM read_parquet('$T/*.parquet'))
      TO '$WORK/duck.csv' (HEADER)")
  read -r _ ew ec er < <(timed exporter java -Xmx"${XMX:-256m}" -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" \
      --source "$T" --output "$WORK/exp.csv" --no-progress)
  heap=$(grep -o -- '->[0-9]*M' "$WORK/gc.log" | sed 's/->//; s/M//' | sort -n | tail -1 || true)
  used=$(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1 || true)
  dl=$(wc -l < "$WORK/duck.csv"); el=$(wc -l < "$WORK/exp.csv")
  echo "round $r: duckdb $dw s ($(mbps "$BYTES" "$dw") MB/s, CPU $dc s, RSS $dr MiB, $dl lines)" \
       " exporter $ew s ($(mbps "$BYTES" "$ew") MB/s, CPU $ec s, RSS $er MiB, heap after GC max ${heap:-?} MiB," \
       "used max ${used:-?} MiB, $el lines)  exporter/duckdb throughput $(awk -v d="$dw" -v e="$ew" 'BEGIN { printf "%.2f", d / e }')" \
       " CPU ratio duckdb/exporter $(awk -v d="$dc" -v e="$ec" 'BEGIN { printf "%.2f", d / e }')  load $(cut -d' ' -f1 /proc/loadavg)"
  [ "$dl" = "$el" ] || echo "  LINE COUNTS DIFFER"
done
[ "${SKIP_FIXED:-0}" = "1" ] && exit 0
echo "== fixed cost: one part of 10,000 rows (JVM start-up included for both)"
for r in 1 2 3; do
  rm -f "$WORK/one.csv" "$WORK/one.csv.report.json" "$WORK/duck-one.csv"
  read -r _ dw dc dr < <(timed duck java -cp "$WORK/classes:$DUCK" DuckDbTool "COPY (SELECT USER_ID, ITEM_ID, TIMESTAMP FROM read_parquet('$WORK/one-$CODEC/*.parquet'))
      TO '$WORK/duck-one.csv' (HEADER)")
  read -r _ ew ec er < <(timed exporter java -jar "$JAR" --source "$WORK/one-$CODEC" --output "$WORK/one.csv" --no-progress)
  rm -f "$WORK/one.csv" "$WORK/one.csv.report.json"
  read -r _ cw cc cr < <(timed exporter java -jar "$JAR" --source "$WORK/one-csv" --output "$WORK/one.csv" --no-progress)
  echo "one part, round $r: duckdb (java + duckdb_jdbc) $dw s, CPU $dc s, RSS $dr MiB;  exporter $ew s, CPU $ec s," \
       "RSS $er MiB;  exporter on the same rows as one CSV part $cw s, CPU $cc s, RSS $cr MiB"
done
PROBE="$HERE/parquet-java-probe/target"
if [ -d "$PROBE/lib" ]; then
  echo "== parquet-java (parquet-hadoop 1.18.2 + hadoop-client-api/runtime 3.4.1), reading the same part, not used:" \
       "$(du -cb "$PROBE"/lib/*.jar | tail -1 | cut -f1) bytes of jars"
  for r in 1 2 3; do
    read -r _ pw pc pr < <(timed parquet-java java -cp "$PROBE/classes:$PROBE/lib/*" ReadMain "$WORK/one-$CODEC/part.parquet" 2>/dev/null)
    echo "one part, round $r: parquet-java read $pw s, CPU $pc s, RSS $pr MiB"
  done
fi
echo "exporter jar: $(stat -c %s "$JAR") bytes"
