#!/usr/bin/env bash
# Runs the S3 sink benchmark against s3proxy in its own process (filesystem store in a temp dir), so the sink's heap
# is measured alone. Usage: bench/s3-sink-bench/run.sh [mb=256] [level=6] [budget=33554432]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${S3_BENCH_PORT:-19000}
JAR=$(find ~/.m2/repository/org/gaul/s3proxy/4.1.0 -name 's3proxy-4.1.0-jar-with-dependencies.jar' | head -1)
if [ -z "$JAR" ]; then
  ./mvnw -B -q dependency:get -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies
  JAR=~/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar
fi
[ -f bench/s3-sink-bench/target/s3-sink-bench.jar ] || ./mvnw -B -q -pl bench/s3-sink-bench -am package -DskipTests
DIR=$(mktemp -d)
mkdir -p "$DIR/data"
cat > "$DIR/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=lakeloop
s3proxy.credential=lakeloop-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$DIR/data
PROPS
java -Xmx512m -jar "$JAR" --properties "$DIR/s3proxy.properties" > "$DIR/s3proxy.log" 2>&1 &
S3PID=$!
trap 'kill $S3PID 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done
BUDGET=$(printf '%s\n' "$@" | sed -n 's/^budget=//p'); BUDGET=${BUDGET:-33554432}
XMX=$(( 64 + BUDGET / 1048576 ))
echo "== java -Xmx${XMX}m (64 MiB + the ${BUDGET}-byte memory budget) -jar s3-sink-bench.jar endpoint=http://127.0.0.1:$PORT $*"
java -Xmx${XMX}m -jar bench/s3-sink-bench/target/s3-sink-bench.jar endpoint=http://127.0.0.1:$PORT "$@"
