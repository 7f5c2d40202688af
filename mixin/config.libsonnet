// Settings of the Vigil mixin. Override any of them with
//   (import 'vigil-mixin/mixin.libsonnet') + { _config+:: { vigilSelector: 'job="vigil-prod"' } }
// The defaults generate exactly the files shipped in alert-rules/ and dashboards/.
{
  _config+:: {
    // Selects the scrape targets of the Vigil exporter (VigilExporterDown, the exporter dashboard's target panels).
    vigilSelector: 'job=~"vigil.*"',

    // Default bases of the runbook and dashboard links; the Prometheus external labels vigil_runbook_base and
    // vigil_grafana_url override them at run time without rebuilding the rules.
    runbookBase: 'https://vigil.example/alert-rules/README.md',
    grafanaUrl: 'http://grafana.example:3000',

    // Thresholds that are not per entity (per-job and per-volume grace comes from the exporter).
    chainDepthMax: 250,  // VigilChainTooDeep: images on the restore path
    repositoryForecastDays: 3,  // VigilRepositoryFillingUp: free space reaches 0 within this many days
    repositoryFreeRatioMin: '0.10',  // VigilRepositoryNearlyFull: share of the repository free
    quotaUsedRatioMax: '0.90',  // VigilCustomerQuotaNearlyFull: share of a configured quota used
    tenantEntityRatioMax: '0.9',  // VigilTenantNearEntityLimit: share of an entity limit used
    pushesRefusedPer10mMax: 10,  // VigilPushesRejected / VigilPushesUnauthorized
    certificateExpiryDays: 14,  // VigilTlsCertificateExpiresSoon

    // Grafana: tag every dashboard carries (the dashboards' link menu lists them by it).
    dashboardTags: ['vigil'],

    // Kubernetes (kube-prometheus / kube-prometheus-stack): where the PrometheusRule and the dashboard ConfigMaps go,
    // the labels the Prometheus operator's ruleSelector and the Grafana sidecar look for.
    namespace: 'monitoring',
    prometheusRuleLabels: { prometheus: 'k8s', role: 'alert-rules' },
    dashboardConfigMapLabels: { grafana_dashboard: '1' },

    runbookUrl(anchor):: '{{ or $externalLabels.vigil_runbook_base "%s" }}#%s' % [self.runbookBase, anchor],
    // Link to a dashboard with the alert's labels as its variables (a label the alert lacks is left out).
    dashboardUrl(uid, labels)::
      '{{ or $externalLabels.vigil_grafana_url "%s" }}/d/%s?orgId=1' % [self.grafanaUrl, uid]
      + std.join('', ['{{ with $labels.%s }}&var-%s={{ . | urlquery }}{{ end }}' % [l, l] for l in labels]),
  },
}
