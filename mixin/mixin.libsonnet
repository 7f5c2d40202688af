// The Vigil monitoring mixin: prometheusRules (recording rules), prometheusAlerts, grafanaDashboards, _config.
(import 'config.libsonnet')
+ (import 'rules.libsonnet')
+ (import 'alerts.libsonnet')
+ (import 'dashboards/dashboards.libsonnet')
