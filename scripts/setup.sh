#!/usr/bin/env bash
# Everything the README's commands need, idempotently: npm dependencies, the compiled CLI, a Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }

# 1. npm dependencies, reinstalled only when package-lock.json changed.
stamp=node_modules/.slipway-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing npm dependencies (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# 2. The CLI, compiled from src/ when src/, the tsconfigs or the lockfile changed (a few seconds then).
bash scripts/compile.sh

# 3. A Docker engine that answers.
bash scripts/engine.sh
