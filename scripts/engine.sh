#!/usr/bin/env bash
# Make a Docker engine reachable, idempotently.
#   1. `docker info` already answers: nothing to do.
#   2. root on Debian/Ubuntu: install Debian's docker.io (which also brings a client with BuildKit built in),
#      start dockerd in the background with its log in $SLIPWAY_STATE/dockerd.log, wait (bounded) for it.
#   3. otherwise: say what to install and exit non-zero.
set -euo pipefail

state="${SLIPWAY_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/slipway}"
wait_s="${SLIPWAY_ENGINE_WAIT:-60}"
say() { printf 'engine: %s\n' "$*" >&2; }

engine_up() { docker info >/dev/null 2>&1 || /usr/bin/docker info >/dev/null 2>&1; }

if engine_up; then exit 0; fi

if [ "$(id -u)" != 0 ] || [ ! -r /etc/debian_version ]; then
  say "no Docker engine answers 'docker info'."
  say "install and start Docker (https://docs.docker.com/engine/install/), or point DOCKER_HOST at a running engine."
  exit 1
fi

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
[ -x /usr/bin/docker ] || need+=(docker.io)
if [ "${#need[@]}" -gt 0 ]; then
  say "installing Debian's docker.io (one-time, ~1 min)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null
fi

mkdir -p "$state"
log="$state/dockerd.log"
if ! pgrep -x dockerd >/dev/null 2>&1; then
  say "starting dockerd (log: $log)"
  # containerd is started by dockerd itself when no system containerd runs.
  nohup dockerd >"$log" 2>&1 </dev/null &
  disown || true
fi

for _ in $(seq 1 "$wait_s"); do
  if engine_up; then say "engine ready"; exit 0; fi
  sleep 1
done
say "dockerd did not answer within ${wait_s}s; last lines of $log:"
tail -n 20 "$log" >&2 || true
exit 1
