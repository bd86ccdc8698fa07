#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker-compose config -q` (the Debian package
# docker-compose 1.29.2 works offline), or `docker compose config -q` where Compose v2 exists.
# Called by .ci/run. Exit code 0 when the file is valid.
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
# the files the services mount must exist in the repository (build outputs excepted); a module's config is
# required once the module is in the checkout
status=0
require() {
  if [[ ! -f "$1" ]]; then
    echo "validate-compose: docker-compose.yml uses $1, which is missing" >&2
    status=1
  fi
}
require config/compose/connect-worker.properties
require config/compose/streams-collator.env
[[ -d streams-collator ]] && require config/streams-collator.properties
[[ -d connect-personalize-sink ]] && require config/personalize-events-sink.json
if [[ -d connect-s3-sink ]]; then
  require config/s3-upstream-sink.json
  require config/s3-lake-sink.json
fi
[[ $status -eq 0 ]] || exit 1
echo "docker-compose.yml is valid"
