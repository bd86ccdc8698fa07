#!/usr/bin/env bash
# The Docker part of CI (called by .ci/run; runnable by hand as root). Steps, each timed:
#   start   install docker.io/debootstrap/docker-compose if missing, start dockerd unless one runs
#   base    the Java 17 base from Debian packages (docker/build-base.sh; an image of the same tag is reused)
#   images  docker/build-images.sh from the jars the Maven build packaged
#   compose docker-compose up on free ports, `./lakeloop demo --target compose` (exit 0 only if it reconciles),
#           docker-compose down -v
#   stop    stops the dockerd this script started
# Where dockerd cannot start (no privileges, no overlay support …), it prints one line saying the Docker checks were
# SKIPPED and why, and exits 0; the Testcontainers ITs (-Pdocker) are then not enabled by .ci/run either.
#
#   scripts/ci-docker.sh start          exit 0 when an engine runs (prints DOCKER=up or DOCKER=skipped on stdout)
#   scripts/ci-docker.sh base|images|compose|stop
set -euo pipefail
cd "$(dirname "$0")/.."
state="${LAKELOOP_CI_STATE:-/tmp/lakeloop-ci-docker}"
mkdir -p "$state"
base_tag="${LAKELOOP_BASE_IMAGE:-lakeloop/debian-jre:17-bookworm}"
project="${LAKELOOP_COMPOSE_PROJECT:-lakeloop-ci}"
log() { echo "== docker: $*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null || ! command -v docker-compose >/dev/null; then
    log "installing docker.io, debootstrap, docker-compose"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap docker-compose; } >"$state/apt.log" 2>&1; then
      log "SKIPPED: cannot install docker.io (see $state/apt.log); images, compose demo and -Pdocker ITs did not run"
      echo "DOCKER=skipped"
      return 0
    fi
  fi
  if docker info >/dev/null 2>&1; then
    log "using the Docker engine already running"
    echo "DOCKER=up"
    return 0
  fi
  log "starting dockerd"
  setsid dockerd >"$state/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$state/dockerd.pid"
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      log "dockerd $(docker info -f '{{.ServerVersion}} ({{.Driver}}, {{.CgroupDriver}})')"
      echo "DOCKER=up"
      return 0
    fi
    if ! kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null; then break; fi
    sleep 1
  done
  log "SKIPPED: dockerd could not start ($(tail -1 "$state/dockerd.log" 2>/dev/null)); images, compose demo and -Pdocker ITs did not run"
  stop_engine
  echo "DOCKER=skipped"
}

stop_engine() {
  [[ -f "$state/dockerd.pid" ]] || return 0
  local pid
  pid="$(cat "$state/dockerd.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping dockerd ($pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$state/dockerd.pid"
}

compose() {
  local ports=(KAFKA CONNECT S3 EMULATOR COLLATOR) p status=0 t0
  for p in "${ports[@]}"; do export "LAKELOOP_${p}_PORT=$(free_port)"; done
  local dc=(docker-compose -p "$project" -f docker-compose.yml)
  t0=$(date +%s)
  if ! "${dc[@]}" up -d >"$state/compose-up.log" 2>&1; then
    cat "$state/compose-up.log" >&2
    status=1
  else
    log "compose stack up in $(( $(date +%s) - t0 )) s"
    LAKELOOP_SKIP_BUILD=1 ./lakeloop demo --target compose --data-dir "$state/demo" \
      --kafka-port "$LAKELOOP_KAFKA_PORT" --connect-port "$LAKELOOP_CONNECT_PORT" --s3-port "$LAKELOOP_S3_PORT" \
      --emulator-port "$LAKELOOP_EMULATOR_PORT" --collator-port "$LAKELOOP_COLLATOR_PORT" --timeout PT4M || status=1
  fi
  if [[ $status -ne 0 ]]; then
    "${dc[@]}" ps >&2 || true
    "${dc[@]}" logs --tail 40 >&2 || true
  fi
  "${dc[@]}" down -v >/dev/null 2>&1 || true
  log "compose demo $( [[ $status -eq 0 ]] && echo reconciled || echo FAILED ) in $(( $(date +%s) - t0 )) s (up, demo, down -v)"
  return $status
}

step="${1:?usage: scripts/ci-docker.sh start|base|images|compose|stop}"
t0=$(date +%s)
case "$step" in
  start) start ;;
  base) docker/build-base.sh "$base_tag" ;;
  images) BASE_IMAGE="$base_tag" LAKELOOP_TAG_LATEST=false docker/build-images.sh ;;
  compose) compose ;;
  stop) stop_engine ;;
  *) echo "unknown step $step" >&2; exit 2 ;;
esac
log "$step took $(( $(date +%s) - t0 )) s"
