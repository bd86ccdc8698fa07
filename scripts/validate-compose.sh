#!/usr/bin/env bash
# Validates docker-compose.yml (and the upstream-images override) without a Docker engine: `docker-compose config -q`
# (the Debian package docker-compose 1.29.2 works offline), or `docker compose config -q` where Compose v2 exists.
# Also checks what the file relies on: the files it mounts, ports published on 127.0.0.1 only, no `version:` key,
# and an image tag on every service. Called by .ci/run. Exit code 0 when the files are valid.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  echo "validate-compose: neither docker-compose nor 'docker compose' is installed" \
       "(Debian: apt-get install -y docker-compose)" >&2
  exit 2
fi

"${compose[@]}" -f docker-compose.yml config -q
"${compose[@]}" -f docker-compose.yml -f docker-compose.upstream.yml config -q
status=0
fail() {
  echo "validate-compose: $*" >&2
  status=1
}
for f in config/compose/streams-collator.env config/streams-collator.properties docker/Dockerfile; do
  [[ -f "$f" ]] || fail "docker-compose.yml uses $f, which is missing"
done
compgen -G "config/compose/connectors/*.json" >/dev/null || fail "no connector in config/compose/connectors"
grep -qE '^version:' docker-compose.yml docker-compose.upstream.yml && fail "the obsolete 'version:' key is back"
# every published port binds to the loopback interface (Kafka PLAINTEXT, development keys, unauthenticated admin APIs)
while read -r port; do
  [[ "$port" == \"127.0.0.1:* ]] || fail "port $port is published on every interface; bind it to 127.0.0.1"
done < <(sed -n 's/^ *- *\("[0-9.:${}A-Z_-]*:[0-9]*"\)$/\1/p' docker-compose.yml docker-compose.upstream.yml)
# pinned images: never :latest, never untagged
while read -r image; do
  [[ "$image" == *:* && "$image" != *:latest ]] || fail "image $image is not pinned"
done < <("${compose[@]}" -f docker-compose.yml -f docker-compose.upstream.yml config | sed -n 's/^ *image: *//p')
[[ $status -eq 0 ]] || exit 1
echo "docker-compose.yml is valid"
