#!/usr/bin/env bash
# Type-checks Grafana dashboards against @grafana/schema: gen.mjs turns each into typed TypeScript literals and
# tsc (strict) refuses unknown keys and values outside an enum.
#   bash dashboards/typecheck/run.sh                 # the shipped dashboards/*.json
#   bash dashboards/typecheck/run.sh FILE.json...    # other files
# Installs the pinned @grafana/schema and typescript (package-lock.json) with npm ci into node_modules/ here
# when missing (needs node and npm: Debian's nodejs and npm). Exit 0 when every dashboard type-checks.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -gt 0 ] || set -- "$here"/../*.json
command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are required (apt-get install nodejs npm)" >&2; exit 2; }
if [ ! -x "$here/node_modules/typescript/bin/tsc" ] || [ ! -d "$here/node_modules/@grafana/schema" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
node "$here/gen.mjs" "$out" "$@"
cp "$here/vigil-types.ts" "$here/tsconfig.json" "$out/"
ln -s "$here/node_modules" "$out/node_modules"
echo "@grafana/schema $(node -p "require('$here/node_modules/@grafana/schema/package.json').version"), typescript $(node -p "require('$here/node_modules/typescript/package.json').version"): $# dashboards"
(cd "$out" && node node_modules/typescript/bin/tsc -p .)
echo "dashboards type-check: OK"
