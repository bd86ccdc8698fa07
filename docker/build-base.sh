#!/usr/bin/env bash
# Builds the Java 17 base image from Debian packages, for machines that cannot pull eclipse-temurin:17-jre (no image
# registry reachable, as in this project's CI): debootstrap a minimal bookworm with openjdk-17-jre-headless, strip
# what a JRE container never reads (apt caches, docs, man pages, locales), and `docker import` it.
#
#   docker/build-base.sh [TAG]      (default lakeloop/debian-jre:17-bookworm; an existing image of that tag is reused)
#
# The Debian mirror is LAKELOOP_DEBIAN_MIRROR, else the first bookworm URI of this machine's apt sources.
# Needs root, debootstrap and a running Docker engine. Prints the image id.
set -euo pipefail

tag="${1:-lakeloop/debian-jre:17-bookworm}"
# one build at a time (CI starts it in the background; the image build may ask for it meanwhile and then waits)
exec 9>"${TMPDIR:-/tmp}/lakeloop-build-base.lock"
flock 9
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "build-base: reusing $tag ($(docker image inspect -f '{{.Id}}' "$tag"))" >&2
  exit 0
fi
command -v debootstrap >/dev/null || { echo "build-base: debootstrap is not installed (apt-get install -y debootstrap)" >&2; exit 2; }

mirror="${LAKELOOP_DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
  # deb822 sources (URIs: …) first, then one-line sources (deb URI bookworm …); the security archive is not a mirror
  mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' | grep -v security | head -1 || true)"
fi
if [[ -z "$mirror" ]]; then
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '$1 == "deb" && $3 ~ /^bookworm$/ {print $2}' | head -1 || true)"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

root="$(mktemp -d /tmp/lakeloop-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
start=$(date +%s)
echo "build-base: debootstrap bookworm from $mirror into $root" >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$root" "$mirror" >/dev/null
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
       "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*.log
find "$root"/usr/share/locale -mindepth 1 -maxdepth 1 ! -name 'C.*' -exec rm -rf {} + 2>/dev/null || true
java_home="$(cd "$root" && ls -d usr/lib/jvm/java-17-openjdk-* | head -1)"
tar -C "$root" -c . | docker import \
  --change "ENV JAVA_HOME=/$java_home" \
  --change "ENV LANG=C.UTF-8" \
  --change "ENV PATH=/$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change 'CMD ["java", "-version"]' \
  --message "Debian bookworm minbase + openjdk-17-jre-headless (docker/build-base.sh)" - "$tag" >/dev/null
echo "build-base: $tag built in $(( $(date +%s) - start )) s, $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}')" >&2
