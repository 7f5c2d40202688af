// mixin/kubernetes/*.yaml (jsonnet -S -m mixin/kubernetes): the rules as a PrometheusRule and each dashboard as a
// ConfigMap for the Grafana sidecar, from the same mixin as alert-rules/ and dashboards/.
// config: settings that override mixin/config.libsonnet (jsonnet --tla-code config='{...}').
local yaml = import '../lib/yaml.libsonnet';
function(config={})
local mixin = (import '../mixin.libsonnet') + { _config+:: config };
local c = mixin._config;
local header = '# GENERATED from mixin/ by `bash mixin/build.sh`; do not edit.\n';
local slug(name) = std.asciiLower(std.strReplace(std.strReplace(name, '.json', ''), '_', '-'));

{
  'prometheus-rule.yaml': header + yaml.manifest({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'vigil', namespace: c.namespace, labels: c.prometheusRuleLabels },
    spec: { groups: mixin.prometheusRules.groups + mixin.prometheusAlerts.groups },
  }),
  'grafana-dashboards.yaml': header + std.join('---\n', [
    yaml.manifest({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'grafana-dashboard-vigil-' + slug(name), namespace: c.namespace, labels: c.dashboardConfigMapLabels },
      data: { [name]: std.toString(mixin.grafanaDashboards[name]) },
    })
    for name in std.objectFields(mixin.grafanaDashboards)
  ]),
}
