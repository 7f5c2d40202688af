// grafanaDashboards: file name -> dashboard, as shipped in dashboards/.
{
  grafanaDashboards+:: {
    '01-noc-overview.json': (import '01-noc-overview.libsonnet')($._config),
    '02-customer.json': (import '02-customer.libsonnet')($._config),
    '03-job.json': (import '03-job.libsonnet')($._config),
    '04-image-chains.json': (import '04-image-chains.libsonnet')($._config),
    '05-site-health.json': (import '05-site-health.libsonnet')($._config),
    '06-exporter.json': (import '06-exporter.libsonnet')($._config),
  },
}
