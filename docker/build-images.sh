#!/usr/bin/env bash
# Builds Lakeloop's images from the packaged build (./mvnw -B -DskipTests package, or the CI's `verify`): nothing is
# compiled again. Tags: lakeloop/<image>:<project version> (and :latest unless LAKELOOP_TAG_LATEST=false).
#
#   docker/build-images.sh [IMAGE…]     IMAGE: streams-collator personalize-emulator csv-exporter kafka-connect kafka
#                                       s3proxy (default: all six), or strimzi-kafka-connect (Strimzi's Connect image
#                                       with the plugins, for deploy/kubernetes/strimzi; needs quay.io/strimzi/kafka)
#
# BASE_IMAGE picks the Java 17 base (default eclipse-temurin:17-jre; on a machine that reaches no registry, build
# one with docker/build-base.sh and pass BASE_IMAGE=lakeloop/debian-jre:17-bookworm). LAKELOOP_IMAGE_PREFIX
# (default "lakeloop/") names the repository, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/lakeloop/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

base_image="${BASE_IMAGE:-eclipse-temurin:17-jre}"
prefix="${LAKELOOP_IMAGE_PREFIX:-lakeloop/}"
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then revision="$revision-dirty"; fi
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
all=(streams-collator personalize-emulator csv-exporter kafka-connect kafka s3proxy)
images=("$@")
[[ ${#images[@]} -gt 0 ]] || images=("${all[@]}")

require() {
  compgen -G "$1" >/dev/null || { echo "build-images: $1 is missing: build first with ./mvnw -B -DskipTests package" >&2; exit 2; }
}
require "lakeloop-core/target/lakeloop-core-$version.jar"
require "streams-collator/target/streams-collator-$version.jar"
require "csv-exporter/target/csv-exporter-$version.jar"
require "personalize-emulator/target/personalize-emulator-$version.jar"
require "lakeloop-cli/target/s3proxy/s3proxy.jar"
require "connect-personalize-sink/target/lakeloop-connect-*.zip"
require "connect-s3-sink/target/lakeloop-connect-*.zip"

start=$(date +%s)
# the Debian base of docker/build-base.sh is made here when missing (or waited for, when CI builds it meanwhile)
if [[ "$base_image" == lakeloop/debian-jre:* ]] && ! docker image inspect "$base_image" >/dev/null 2>&1; then
  docker/build-base.sh "$base_image"
fi
# Third-party jars per service, as Maven resolves each module's runtime classpath (offline: the build resolved them).
# jar:jar only re-zips the compiled classes, so the reactor hands the modules' own jars to the dependency plugin.
echo "build-images: resolving each service's runtime classpath" >&2
./mvnw -B -ntp -q -o jar:jar dependency:copy-dependencies \
  -pl lakeloop-core,personalize-emulator,testkit,streams-collator,csv-exporter \
  -DincludeScope=runtime -DexcludeGroupIds=io.lakeloop -DoutputDirectory=target/image-lib >&2
./mvnw -B -ntp -q -o jar:jar dependency:copy-dependencies \
  -pl lakeloop-core,personalize-emulator,testkit,connect-personalize-sink,csv-exporter,streams-collator,connect-s3-sink,lakeloop-cli \
  -DincludeScope=runtime -DexcludeGroupIds=io.lakeloop,info.picocli,software.amazon.awssdk,software.amazon.eventstream,org.reactivestreams \
  -DoutputDirectory=target/image-kafka-lib >&2

ctx="$root/target/docker-context"
rm -rf "$ctx"
mkdir -p "$ctx"
cp -r docker/bin docker/config "$ctx/"
stage() { # stage NAME MODULE: <name>/lib = the module's third-party jars, <name>/app = lakeloop-core + the module
  mkdir -p "$ctx/$1/lib" "$ctx/$1/app"
  cp -l "$2"/target/image-lib/*.jar "$ctx/$1/lib/" 2>/dev/null || cp "$2"/target/image-lib/*.jar "$ctx/$1/lib/"
  cp "lakeloop-core/target/lakeloop-core-$version.jar" "$2/target/$2-$version.jar" "$ctx/$1/app/"
}
stage collator streams-collator
stage exporter csv-exporter
stage emulator personalize-emulator
mkdir -p "$ctx/kafka/lib" "$ctx/plugins" "$ctx/s3proxy"
cp -l lakeloop-cli/target/image-kafka-lib/*.jar "$ctx/kafka/lib/" 2>/dev/null || cp lakeloop-cli/target/image-kafka-lib/*.jar "$ctx/kafka/lib/"
for zip in connect-*/target/lakeloop-connect-*.zip; do # each zip holds one folder: lib/, manifest.json, doc/
  (cd "$ctx/plugins" && jar xf "$root/$zip")
done
cp lakeloop-cli/target/s3proxy/s3proxy.jar "$ctx/s3proxy/"
chmod -R a+rX "$ctx"

# BuildKit where the buildx plugin exists, else the classic builder (dockerd 20.10 from Debian has no buildx)
if [[ -z "${DOCKER_BUILDKIT:-}" ]] && ! docker buildx version >/dev/null 2>&1; then export DOCKER_BUILDKIT=0; fi
for image in "${images[@]}"; do
  t0=$(date +%s)
  tags=(-t "$prefix$image:$version")
  [[ "${LAKELOOP_TAG_LATEST:-true}" == "true" ]] && tags+=(-t "$prefix$image:latest")
  dockerfile=(-f docker/Dockerfile --target "$image")
  [[ "$image" == strimzi-kafka-connect ]] && dockerfile=(-f docker/strimzi/Dockerfile)
  if ! docker build -q "${dockerfile[@]}" "${tags[@]}" \
      --build-arg "BASE_IMAGE=$base_image" --build-arg "VERSION=$version" \
      --build-arg "REVISION=$revision" --build-arg "CREATED=$created" "$ctx" >"$ctx/build.log" 2>&1; then
    cat "$ctx/build.log" >&2
    echo "build-images: building $image failed" >&2
    exit 1
  fi
  printf 'build-images: %-45s %6s MB  (%d s)\n' "$prefix$image:$version" \
    "$(docker image inspect -f '{{.Size}}' "$prefix$image:$version" | awk '{printf "%.0f", $1/1e6}')" \
    $(( $(date +%s) - t0 )) >&2
done
echo "build-images: ${#images[@]} images on $base_image in $(( $(date +%s) - start )) s" >&2
