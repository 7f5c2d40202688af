#!/usr/bin/env bash
# Builds the shipped files from the mixin with Debian's jsonnet (apt-get install jsonnet; 0.18 or later):
#   alert-rules/vigil.rules.yml, dashboards/*.json, mixin/kubernetes/{prometheus-rule,grafana-dashboards}.yaml
# With --check, builds into a temporary folder and fails (exit 1, with a diff) when a committed file differs.
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = --check ] && check=true
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/alert-rules" "$out/dashboards" "$out/mixin/kubernetes"
jsonnet -S mixin/build/vigil.rules.jsonnet > "$out/alert-rules/vigil.rules.yml"
jsonnet -m "$out/dashboards" mixin/build/dashboards.jsonnet > /dev/null
jsonnet -S -m "$out/mixin/kubernetes" mixin/build/kubernetes.jsonnet > /dev/null
if $check; then
  status=0
  for f in $(cd "$out" && find . -type f | sort); do
    diff -u "${f#./}" "$out/$f" || { echo "stale: ${f#./} (run bash mixin/build.sh)" >&2; status=1; }
  done
  for f in dashboards/*.json mixin/kubernetes/*.yaml; do
    [ -e "$out/$f" ] || { echo "not built by the mixin: $f" >&2; status=1; }
  done
  exit $status
fi
cp "$out/alert-rules/vigil.rules.yml" alert-rules/
cp "$out"/dashboards/*.json dashboards/
mkdir -p mixin/kubernetes && cp "$out"/mixin/kubernetes/*.yaml mixin/kubernetes/
echo "built alert-rules/vigil.rules.yml, dashboards/*.json, mixin/kubernetes/*.yaml"
