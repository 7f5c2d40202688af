// The source of alert-rules/vigil.rules.yml (bash mixin/build.sh). First made by tools/import_rules.py.
// c = the mixin's _config (selector, runbook and Grafana bases, thresholds).
{
  local c = self._config,
  prometheusRules+:: {
    groups+: [
      // Vigil alerting and recording rules (Prometheus 2.x rule file).
      // Built only on the metric contract in ../README.md and ../../shared/design/README.md.
      // Every alert carries a `severity` label (critical | warning | info) and the
      // annotations `summary`, `description` and `runbook` (a section of alert-rules/README.md).
      // Our own labels are tenant, customer, device, backup_job, connector, folder, volume;
      // `job` and `instance` are Prometheus' own target labels.
      // Recording rules: pre-aggregated series for the dashboards.
      // None of them filters with a comparison, so they always return data while the
      // underlying metric family exists (0 instead of "no data").
      {
        name: 'vigil-recording',
        rules: [
          {
            record: 'vigil:job_status:count_by_tenant',
            expr: 'sum by (tenant, status) (vigil_job_status)',
          },
          {
            record: 'vigil:job_status:count_by_customer',
            expr: 'sum by (tenant, customer, status) (vigil_job_status)',
          },
          {
            // Status as one number (0 ok, 1 warning, 2 failed, 3 overdue or missed) for state timelines;
            // the worst status of a customer is the max over its jobs.
            record: 'vigil:job_status:code',
            expr: |||
              max without (status) (
                  (vigil_job_status{status="ok"} == 1) * 0
                or
                  (vigil_job_status{status="warning"} == 1) * 1
                or
                  (vigil_job_status{status="failed"} == 1) * 2
                or
                  (vigil_job_status{status="overdue"} == 1) * 3
                or
                  (vigil_job_status{status="missed"} == 1) * 3
              )
            |||,
          },
          {
            record: 'vigil:customer_worst_job_status:code',
            expr: 'max by (tenant, customer) (vigil:job_status:code)',
          },
          {
            record: 'vigil:job_since_last_success_over_grace:ratio',
            expr: 'vigil_job_since_last_success_seconds / vigil_job_grace_seconds',
          },
          {
            record: 'vigil:device_unavailable:count_by_tenant',
            expr: 'count by (tenant) (vigil_device_up) - sum by (tenant) (vigil_device_up)',
          },
          {
            record: 'vigil:device:count_by_tenant',
            expr: 'count by (tenant) (vigil_device_up)',
          },
          {
            record: 'vigil:device_error_active:count_by_tenant',
            expr: 'sum by (tenant, error) (vigil_device_error_active)',
          },
          {
            record: 'vigil:push_requests:rate5m',
            expr: 'sum by (kind, result) (rate(vigil_push_requests_total[5m]))',
          },
          {
            // Pending the connector issue (vigil_chain_*, vigil_repository_*, vigil_connector_*, ...):
            record: 'vigil:chain_newest_image_age_seconds',
            expr: 'time() - vigil_chain_newest_image_timestamp_seconds',
          },
          {
            record: 'vigil:chain_stored_bytes:sum_by_customer',
            expr: 'sum by (tenant, customer) (vigil_chain_usage_bytes + vigil_chain_retention_bytes)',
          },
          {
            record: 'vigil:customer_quota_used:ratio',
            expr: |||
              vigil:chain_stored_bytes:sum_by_customer
                / on (tenant, customer)
              max by (tenant, customer) (vigil_customer_quota_bytes > 0)
            |||,
          },
          {
            record: 'vigil:repository_free:ratio',
            expr: 'vigil_repository_free_bytes / vigil_repository_size_bytes',
          },
          {
            record: 'vigil:connector_down:count_by_tenant',
            expr: 'count by (tenant) (vigil_connector_up) - sum by (tenant) (vigil_connector_up)',
          },
        ],
      },
    ],
  },
}
