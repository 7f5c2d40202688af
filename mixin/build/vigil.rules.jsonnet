// alert-rules/vigil.rules.yml: the mixin's recording rules, then its alerts (jsonnet -S).
// config: settings that override mixin/config.libsonnet (jsonnet --tla-code config='{...}').
local yaml = import '../lib/yaml.libsonnet';

function(config={})
local mixin = (import '../mixin.libsonnet') + { _config+:: config };
|||
  # Vigil alerting and recording rules (Prometheus 2.42+ rule file: keep_firing_for).
  # GENERATED from mixin/ (jsonnet): edit mixin/alerts.libsonnet, mixin/rules.libsonnet or mixin/config.libsonnet
  # and run `bash mixin/build.sh`; `bash mixin/build.sh --check` (in the test command) fails when this file is stale.
  #
  # Built only on the metric contract in ../README.md. Every alert carries a `severity` label
  # (critical | warning | info) and the annotations `summary`, `description`, `runbook_url` (a section of
  # alert-rules/README.md) and `dashboard_url`. Our own labels are tenant, customer, device, backup_job, connector,
  # folder, volume; `job` and `instance` are Prometheus' own target labels.
|||
+ yaml.manifest({ groups: mixin.prometheusRules.groups + mixin.prometheusAlerts.groups })
