// The source of alert-rules/vigil.rules.yml (bash mixin/build.sh). First made by tools/import_rules.py.
// c = the mixin's _config (selector, runbook and Grafana bases, thresholds).
{
  local c = self._config,
  prometheusAlerts+:: {
    groups+: [
      // Backup jobs (labels tenant, customer, device, backup_job)
      {
        name: 'vigil-jobs',
        rules: [
          {
            // Age of the last success beyond the job's OWN grace (monitoring priority).
            // Before the first success the exporter measures the age from "first seen",
            // so a job that never succeeded is overdue too (see VigilJobNeverSucceeded,
            // which inhibits this one in alertmanager.example.yml). A job with a schedule
            // (it has vigil_job_missed_runs_total) is judged by its expected runs instead:
            // see VigilJobMissed.
            alert: 'VigilJobOverdue',
            expr: |||
              (vigil_job_since_last_success_seconds > vigil_job_grace_seconds)
                unless on (tenant, customer, device, backup_job)
              vigil_job_missed_runs_total
            |||,
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Backup overdue: {{ $labels.backup_job }} on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Job {{ $labels.backup_job }} on device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) has had no successful run for {{ $value | humanizeDuration }}, longer than its grace period.',
              runbook_url: c.runbookUrl('vigiljoboverdue'),
              dashboard_url: c.dashboardUrl('vigil-job', ['tenant', 'customer', 'device', 'backup_job']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/job?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}&job={{ $labels.backup_job | urlquery }}',
            },
          },
          {
            alert: 'VigilJobNeverSucceeded',
            expr: |||
              (vigil_job_since_last_success_seconds > vigil_job_grace_seconds)
                unless on (tenant, customer, device, backup_job)
              vigil_job_last_success_timestamp_seconds
                unless on (tenant, customer, device, backup_job)
              vigil_job_missed_runs_total
            |||,
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Backup never succeeded: {{ $labels.backup_job }} on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Job {{ $labels.backup_job }} on device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) was first seen {{ $value | humanizeDuration }} ago and has never had a successful run.',
              runbook_url: c.runbookUrl('vigiljobneversucceeded'),
              dashboard_url: c.dashboardUrl('vigil-job', ['tenant', 'customer', 'device', 'backup_job']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/job?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}&job={{ $labels.backup_job | urlquery }}',
            },
          },
          {
            // A scheduled job with no result by the end of an expected run's window plus
            // its grace (the exporter judges the schedule; the grace is already in it).
            alert: 'VigilJobMissed',
            expr: 'vigil_job_status{status="missed"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Backup missed: {{ $labels.backup_job }} on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Job {{ $labels.backup_job }} on device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) has no result for its last expected run: its window and grace have passed.',
              runbook_url: c.runbookUrl('vigiljobmissed'),
              dashboard_url: c.dashboardUrl('vigil-job', ['tenant', 'customer', 'device', 'backup_job']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/job?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}&job={{ $labels.backup_job | urlquery }}',
            },
          },
          {
            alert: 'VigilJobFailed',
            expr: 'vigil_job_status{status="failed"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Backup failed: {{ $labels.backup_job }} on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'The newest run of job {{ $labels.backup_job }} on device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) failed.',
              runbook_url: c.runbookUrl('vigiljobfailed'),
              dashboard_url: c.dashboardUrl('vigil-job', ['tenant', 'customer', 'device', 'backup_job']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/job?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}&job={{ $labels.backup_job | urlquery }}',
            },
          },
          {
            alert: 'VigilJobWarning',
            expr: 'vigil_job_status{status="warning"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'info',
            },
            annotations: {
              summary: 'Backup with warnings: {{ $labels.backup_job }} on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'The newest run of job {{ $labels.backup_job }} on device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) ended with warnings.',
              runbook_url: c.runbookUrl('vigiljobwarning'),
              dashboard_url: c.dashboardUrl('vigil-job', ['tenant', 'customer', 'device', 'backup_job']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/job?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}&job={{ $labels.backup_job | urlquery }}',
            },
          },
          {
            alert: 'VigilJobRepeatedlyFailing',
            expr: 'vigil_job_consecutive_failures >= 3',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Backup failing repeatedly: {{ $labels.backup_job }} on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Job {{ $labels.backup_job }} on device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) has failed {{ $value }} times in a row.',
              runbook_url: c.runbookUrl('vigiljobrepeatedlyfailing'),
              dashboard_url: c.dashboardUrl('vigil-job', ['tenant', 'customer', 'device', 'backup_job']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/job?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}&job={{ $labels.backup_job | urlquery }}',
            },
          },
        ],
      },
      // Heartbeat devices / site servers (labels tenant, customer, device)
      {
        name: 'vigil-devices',
        rules: [
          {
            // The exporter sets vigil_device_up to 0 once 3 heartbeats in a row are missed.
            alert: 'VigilDeviceUnavailable',
            expr: 'vigil_device_up == 0',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Device unavailable: {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) has missed 3 heartbeats in a row.',
              runbook_url: c.runbookUrl('vigildeviceunavailable'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceDiskFull',
            expr: 'vigil_device_error_active{error="disk_full"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Disk full on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) reports a full recording or archive disk.',
              runbook_url: c.runbookUrl('vigildevicediskfull'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceCameraUnreachable',
            expr: 'vigil_device_error_active{error="camera_unreachable"} == 1',
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Camera unreachable on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) cannot reach one or more cameras.',
              runbook_url: c.runbookUrl('vigildevicecameraunreachable'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceMediaDbWriteFailed',
            expr: 'vigil_device_error_active{error="media_db_write_failed"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Media database write failure on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) cannot write to its media database.',
              runbook_url: c.runbookUrl('vigildevicemediadbwritefailed'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceLicenseExceeded',
            expr: 'vigil_device_error_active{error="license_exceeded"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'More cameras than licences on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) has more cameras than licences.',
              runbook_url: c.runbookUrl('vigildevicelicenseexceeded'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceArchiveFailed',
            expr: 'vigil_device_error_active{error=~"archive_failed|archive_move_failed"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Archiving failed on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) reports {{ $labels.error }}.',
              runbook_url: c.runbookUrl('vigildevicearchivefailed'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceFatalArchiveError',
            expr: 'vigil_device_error_active{error="fatal_archive_error"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Fatal archive error on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) reports a fatal archive error; archiving has stopped.',
              runbook_url: c.runbookUrl('vigildevicefatalarchiveerror'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceDeleteFailed',
            expr: 'vigil_device_error_active{error="delete_failed"} == 1',
            'for': '1m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Deleting old recordings failed on {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) cannot delete files or archives; its disk will fill up.',
              runbook_url: c.runbookUrl('vigildevicedeletefailed'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
          {
            alert: 'VigilDeviceOtherError',
            expr: 'vigil_device_error_active{error="other"} == 1',
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'info',
            },
            annotations: {
              summary: 'Error reported by {{ $labels.device }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Device {{ $labels.device }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) reports an error Vigil does not classify.',
              runbook_url: c.runbookUrl('vigildeviceothererror'),
              dashboard_url: c.dashboardUrl('vigil-site-health', ['tenant', 'customer', 'device']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/device?customer={{ $labels.customer | urlquery }}&device={{ $labels.device | urlquery }}',
            },
          },
        ],
      },
      // Image chains, repositories and connectors
      // (labels tenant, customer, connector, folder, volume)
      {
        name: 'vigil-chains',
        rules: [
          {
            alert: 'VigilChainBroken',
            expr: 'vigil_chain_broken == 1',
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Broken image chain: {{ $labels.folder }} volume {{ $labels.volume }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'The image chain of volume {{ $labels.volume }} in folder {{ $labels.folder }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}, connector {{ $labels.connector }}) has an image whose parent is missing; it cannot be restored past that point.',
              runbook_url: c.runbookUrl('vigilchainbroken'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/chain?connector={{ $labels.connector | urlquery }}&folder={{ $labels.folder | urlquery }}&volume={{ $labels.volume | urlquery }}',
            },
          },
          {
            // Fixed threshold: tune it to your consolidation schedule (see README).
            alert: 'VigilChainTooDeep',
            expr: 'vigil_chain_depth > %d' % c.chainDepthMax,
            'for': '1h',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Image chain too deep: {{ $labels.folder }} volume {{ $labels.volume }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'The image chain of volume {{ $labels.volume }} in folder {{ $labels.folder }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}, connector {{ $labels.connector }}) is {{ $value }} images deep; consolidation is probably not running.',
              runbook_url: c.runbookUrl('vigilchaintoodeep'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/chain?connector={{ $labels.connector | urlquery }}&folder={{ $labels.folder | urlquery }}&volume={{ $labels.volume | urlquery }}',
            },
          },
          {
            alert: 'VigilChainNewestImageOverdue',
            expr: 'time() - vigil_chain_newest_image_timestamp_seconds > vigil_chain_grace_seconds',
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'No new image: {{ $labels.folder }} volume {{ $labels.volume }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'The newest image of volume {{ $labels.volume }} in folder {{ $labels.folder }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}, connector {{ $labels.connector }}) is {{ $value | humanizeDuration }} old, older than its grace period.',
              runbook_url: c.runbookUrl('vigilchainnewestimageoverdue'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/chain?connector={{ $labels.connector | urlquery }}&folder={{ $labels.folder | urlquery }}&volume={{ $labels.volume | urlquery }}',
            },
          },
          {
            // An image is written before its .md5; 2h lets ImageManager finish verifying new images.
            alert: 'VigilChainUnverifiedImages',
            expr: 'vigil_chain_unverified_images > 0',
            'for': '2h',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Unverified images: {{ $labels.folder }} volume {{ $labels.volume }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'The image chain of volume {{ $labels.volume }} in folder {{ $labels.folder }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}, connector {{ $labels.connector }}) has {{ $value }} image file(s) without their .md5 file; ImageManager treats such images as corrupt.',
              runbook_url: c.runbookUrl('vigilchainunverifiedimages'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/chain?connector={{ $labels.connector | urlquery }}&folder={{ $labels.folder | urlquery }}&volume={{ $labels.volume | urlquery }}',
            },
          },
          {
            alert: 'VigilChainVerificationFailed',
            expr: 'vigil_chain_verification_failed == 1',
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Image verification failed: {{ $labels.folder }} volume {{ $labels.volume }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'ImageManager could not verify the image chain of volume {{ $labels.volume }} in folder {{ $labels.folder }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}, connector {{ $labels.connector }}): a bad.log exists for it; restores from it may fail.',
              runbook_url: c.runbookUrl('vigilchainverificationfailed'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/chain?connector={{ $labels.connector | urlquery }}&folder={{ $labels.folder | urlquery }}&volume={{ $labels.volume | urlquery }}',
            },
          },
          {
            // The chains of the volume break the connector's retention policy (more or fewer images kept than it says).
            alert: 'VigilChainRetentionUnexpected',
            expr: 'vigil_chain_retention_unexpected == 1',
            'for': '1h',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Retention not as configured: {{ $labels.folder }} volume {{ $labels.volume }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'The image chains of volume {{ $labels.volume }} in folder {{ $labels.folder }} of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}, connector {{ $labels.connector }}) do not follow the retention policy of the connector: consolidation or retention cleanup is not doing what it should.',
              runbook_url: c.runbookUrl('vigilchainretentionunexpected'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/chain?connector={{ $labels.connector | urlquery }}&folder={{ $labels.folder | urlquery }}&volume={{ $labels.volume | urlquery }}',
            },
          },
          {
            // Intermittent failures that never last the 5m of VigilConnectorDown: more than 10 % of polls failed in the last hour.
            alert: 'VigilConnectorPollsFailing',
            expr: |||
              sum without (result) (rate(vigil_poll_requests_total{result!~"ok|not_modified"}[1h]))
                /
              sum without (result) (rate(vigil_poll_requests_total[1h]))
              > 0.10
            |||,
            'for': '15m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Vigil exporter {{ $labels.instance }}: {{ $value | humanizePercentage }} of connector polls fail',
              description: 'In the last hour {{ $value | humanizePercentage }} of the connector polls of the Vigil exporter {{ $labels.instance }} failed (timeout, error, unauthorized, HTTP error, malformed or oversized answer); the log names the connector and the reason.',
              runbook_url: c.runbookUrl('vigilconnectorpollsfailing'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            // Free space extrapolated from the last 6 hours reaches 0 within 3 days.
            alert: 'VigilRepositoryFillingUp',
            expr: 'predict_linear(vigil_repository_free_bytes[6h], %d * 86400) < 0' % c.repositoryForecastDays,
            'for': '1h',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Repository filling up on connector {{ $labels.connector }} (tenant {{ $labels.tenant }})',
              description: 'At the rate of the last 6 hours the image repository behind connector {{ $labels.connector }} (tenant {{ $labels.tenant }}) runs out of space within 3 days.',
              runbook_url: c.runbookUrl('vigilrepositoryfillingup'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/connectors',
            },
          },
          {
            alert: 'VigilRepositoryNearlyFull',
            expr: 'vigil_repository_free_bytes / vigil_repository_size_bytes < %s' % c.repositoryFreeRatioMin,
            'for': '15m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Repository nearly full on connector {{ $labels.connector }} (tenant {{ $labels.tenant }})',
              description: 'The image repository behind connector {{ $labels.connector }} (tenant {{ $labels.tenant }}) has only {{ $value | humanizePercentage }} of its space free.',
              runbook_url: c.runbookUrl('vigilrepositorynearlyfull'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/connectors',
            },
          },
          {
            // Bytes stored in the customer's chains (usage + retention) against its quota; one alert per connector
            // holding its chains (the ratio is the customer's), so a down connector inhibits it like its chains.
            alert: 'VigilCustomerQuotaNearlyFull',
            expr: |||
              (
                  sum without (connector, folder, volume) (vigil_chain_usage_bytes + vigil_chain_retention_bytes)
                    / on (tenant, customer) group_left
                  max by (tenant, customer) (vigil_customer_quota_bytes > 0)
                > %(quotaUsedRatioMax)s
              )
                * on (tenant, customer) group_right ()
              (count without (folder, volume) (vigil_chain_usage_bytes) > bool 0)
            ||| % c,
            'for': '15m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Quota nearly used up: customer {{ $labels.customer }} (tenant {{ $labels.tenant }})',
              description: 'The image chains of customer {{ $labels.customer }} (tenant {{ $labels.tenant }}) use {{ $value | humanizePercentage }} of its quota (some of them on connector {{ $labels.connector }}).',
              runbook_url: c.runbookUrl('vigilcustomerquotanearlyfull'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/customer?customer={{ $labels.customer | urlquery }}',
            },
          },
          {
            alert: 'VigilFolderUnmanaged',
            expr: 'vigil_folder_unmanaged == 1',
            'for': '1h',
            keep_firing_for: '5m',
            labels: {
              severity: 'info',
            },
            annotations: {
              summary: 'Unmanaged folder {{ $labels.folder }} on connector {{ $labels.connector }} ({{ $labels.customer }}, tenant {{ $labels.tenant }})',
              description: 'Folder {{ $labels.folder }} of customer {{ $labels.customer }} on connector {{ $labels.connector }} (tenant {{ $labels.tenant }}) matches the folder template but is not managed, so its images are not monitored.',
              runbook_url: c.runbookUrl('vigilfolderunmanaged'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/connectors',
            },
          },
          {
            // One alert per connector; vigil_connector_unparseable_files says in which folders.
            alert: 'VigilConnectorUnparseableFiles',
            expr: 'sum without (folder) (vigil_connector_unparseable_files) > 0',
            'for': '1h',
            keep_firing_for: '5m',
            labels: {
              severity: 'info',
            },
            annotations: {
              summary: 'Unparseable files on connector {{ $labels.connector }} (tenant {{ $labels.tenant }})',
              description: 'Connector {{ $labels.connector }} (tenant {{ $labels.tenant }}) found {{ $value }} file(s) in its repository that are neither images nor their usual companion files; they are not monitored.',
              runbook_url: c.runbookUrl('vigilconnectorunparseablefiles'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/connectors',
            },
          },
          {
            alert: 'VigilConnectorDown',
            expr: 'vigil_connector_up == 0',
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Connector down: {{ $labels.connector }} (tenant {{ $labels.tenant }})',
              description: 'The last poll of connector {{ $labels.connector }} (tenant {{ $labels.tenant }}) failed; its chains are shown with the data of the last good poll.',
              runbook_url: c.runbookUrl('vigilconnectordown'),
              dashboard_url: c.dashboardUrl('vigil-chains', ['tenant', 'customer', 'connector', 'folder']),
              console_url: '{{ or $externalLabels.vigil_console_url "http://127.0.0.1:9877" }}/console/t/{{ $labels.tenant }}/connectors',
            },
          },
        ],
      },
      // The exporter itself
      {
        name: 'vigil-exporter',
        rules: [
          {
            alert: 'VigilExporterDown',
            expr: 'up{' + c.vigilSelector + '} == 0',
            'for': '1m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Vigil exporter {{ $labels.instance }} is down',
              description: 'Prometheus cannot scrape the Vigil exporter {{ $labels.instance }} (scrape job {{ $labels.job }}); no backup or site alert from it can fire.',
              runbook_url: c.runbookUrl('vigilexporterdown'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            alert: 'VigilStoreFailing',
            expr: 'vigil_store_healthy == 0',
            'for': '2m',
            keep_firing_for: '5m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'Vigil exporter {{ $labels.instance }} cannot write its store',
              description: 'The Vigil exporter {{ $labels.instance }} cannot commit to its store (disk full, read-only file system, I/O error, its writer stopped, or its store file was deleted or replaced): pushes get 503 and are not recorded until it can write again (see the runbook); scrapes still show the last recorded state.',
              runbook_url: c.runbookUrl('vigilstorefailing'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            alert: 'VigilTenantNearEntityLimit',
            expr: 'vigil_tenant_entities / vigil_tenant_entity_limit >= %s' % c.tenantEntityRatioMax,
            'for': '15m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Tenant {{ $labels.tenant }} is at {{ $value | humanizePercentage }} of its {{ $labels.kind }} limit',
              description: 'Tenant {{ $labels.tenant }} has {{ $value | humanizePercentage }} of the {{ $labels.kind }}s its entity limit allows on {{ $labels.instance }}. At the limit, a push that would add a job or device is refused (422, nothing of it kept), and chains beyond it are not exported.',
              runbook_url: c.runbookUrl('vigiltenantnearentitylimit'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            // A burst of pushes refused as invalid (4xx): an agent or script of the tenant sends what the API does not take.
            alert: 'VigilPushesRejected',
            expr: 'sum without (kind, result) (increase(vigil_push_requests_total{result="rejected"}[10m])) > %d' % c.pushesRefusedPer10mMax,
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Tenant {{ $labels.tenant }}: {{ $value | printf "%.0f" }} pushes rejected in 10 minutes',
              description: 'Vigil exporter {{ $labels.instance }} rejected {{ $value | printf "%.0f" }} pushes of tenant {{ $labels.tenant }} as invalid in the last 10 minutes; what they reported is not recorded (the exporter log names the reason).',
              runbook_url: c.runbookUrl('vigilpushesrejected'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            // Pushes with a missing, unknown or revoked key (tenant "" when the key is unknown): a misconfigured agent or a probe.
            alert: 'VigilPushesUnauthorized',
            expr: 'sum without (kind, result) (increase(vigil_push_requests_total{result="unauthorized"}[10m])) > %d' % c.pushesRefusedPer10mMax,
            'for': '5m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Vigil exporter {{ $labels.instance }}: {{ $value | printf "%.0f" }} unauthorized pushes in 10 minutes',
              description: 'Vigil exporter {{ $labels.instance }} refused {{ $value | printf "%.0f" }} pushes without a valid key (tenant "{{ $labels.tenant }}") in the last 10 minutes: an agent with a wrong or revoked key loses every report, or someone is probing the API.',
              runbook_url: c.runbookUrl('vigilpushesunauthorized'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            // A notification mail no parser understood: kept in the tenant's unparsed list (GET /tenants/{account}/unparsed-mail).
            alert: 'VigilEmailUnparsed',
            expr: 'sum without (result) (increase(vigil_email_messages_total{result="unparsed"}[1h])) > 0',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'Tenant {{ $labels.tenant }}: {{ $value | printf "%.0f" }} notification mail(s) not understood in the last hour',
              description: 'Vigil exporter {{ $labels.instance }} took {{ $value | printf "%.0f" }} notification mail(s) for tenant {{ $labels.tenant }} in the last hour that no parser understood: their job results are not in the metrics. The unparsed list (GET /tenants/{{ $labels.tenant }}/unparsed-mail) says why; add a mail rule for the product, or fix its notification settings.',
              runbook_url: c.runbookUrl('vigilemailunparsed'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            // 14 days ahead: time to renew before agents, Prometheus and Zabbix refuse the exporter's HTTPS.
            // The exporter itself refuses an expired certificate on reload, so the one served stays until renewed.
            alert: 'VigilTlsCertificateExpiresSoon',
            expr: 'vigil_tls_certificate_expiry_timestamp_seconds - time() < %d * 86400' % c.certificateExpiryDays,
            'for': '10m',
            keep_firing_for: '5m',
            labels: {
              severity: 'warning',
            },
            annotations: {
              summary: 'TLS certificate of Vigil exporter {{ $labels.instance }} expires in {{ $value | humanizeDuration }}',
              description: 'The certificate the Vigil exporter {{ $labels.instance }} serves HTTPS with expires in {{ $value | humanizeDuration }} (negative: it has expired); once it has, every agent push and every scrape fails. Install a renewed certificate and reload (SIGHUP or POST /api/v1/admin/reload).',
              runbook_url: c.runbookUrl('vigiltlscertificateexpiressoon'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
          {
            alert: 'VigilExporterAbsent',
            expr: 'absent(vigil_build_info)',
            'for': '10m',
            labels: {
              severity: 'critical',
            },
            annotations: {
              summary: 'No Vigil exporter is being scraped',
              description: 'Prometheus has no vigil_build_info series: no Vigil exporter is scraped (target missing from the configuration, or every target down).',
              runbook_url: c.runbookUrl('vigilexporterabsent'),
              dashboard_url: c.dashboardUrl('vigil-exporter', ['tenant']),
            },
          },
        ],
      },
    ],
  },
}
