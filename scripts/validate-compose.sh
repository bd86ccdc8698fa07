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
# the files the services mount must exist in the repository (build outputs excepted)
for f in config/compose/connect-worker.properties config/compose/streams-collator.env \
         config/streams-collator.properties config/personalize-events-sink.json \
         config/s3-upstream-sink.json config/s3-lake-sink.json; do
  if [[ ! -f "$f" ]]; then
    echo "validate-compose: docker-compose.yml uses $f, which is missing" >&2
    exit 1
  fi
done
echo "docker-compose.yml is valid"
