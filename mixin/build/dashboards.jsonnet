// dashboards/*.json (jsonnet -m dashboards): one file per dashboard.
// config: settings that override mixin/config.libsonnet (jsonnet --tla-code config='{...}').
function(config={}) ((import '../mixin.libsonnet') + { _config+:: config }).grafanaDashboards
