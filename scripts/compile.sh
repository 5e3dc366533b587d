#!/usr/bin/env bash
# Compiles the CLI (src/ → dist/) only when its inputs changed: the sources, the tsconfigs, the lockfile.
# A stamp in dist/ holds the hash of what the last compile saw. Used by setup.sh and by the test run.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=dist/.inputs.sha256
want=$({ find src -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum tsconfig.json tsconfig.build.json package-lock.json; } | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f dist/cli/main.js ]; then
  exit 0
fi
echo "setup: compiling the CLI (tsc)…" >&2
# From scratch: a source that was removed must not live on in dist/.
rm -rf dist
node_modules/.bin/tsc -p tsconfig.build.json
echo "$want" > "$stamp"
