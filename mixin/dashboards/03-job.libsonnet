// Grafana dashboard vigil-job ("Vigil / Job"); panels laid out on Grafana's 24-column grid.
local g = import '../lib/grafana.libsonnet';

function(c) g.dashboard(
  c,
  uid='vigil-job',
  title='Vigil / Job',
  description='One backup job: run history (status, duration, bytes) and age against grace.',
  from='now-7d',
  variables=[
    {
      name: 'tenant',
      label: 'Tenant',
      type: 'query',
      datasource: g.ds,
      definition: 'label_values(vigil_tenant_info, tenant)',
      query: {
        qryType: 1,
        query: 'label_values(vigil_tenant_info, tenant)',
        refId: 'PrometheusVariableQueryEditor-VariableQuery',
      },
      refresh: 2,
      sort: 1,
      multi: true,
      includeAll: true,
      current: {},
      hide: 0,
      regex: '',
      options: [],
    },
    {
      name: 'customer',
      label: 'Customer',
      type: 'query',
      datasource: g.ds,
      definition: 'label_values({__name__=~"vigil_job_info|vigil_device_info|vigil_chain_depth|vigil_folder_unmanaged",tenant=~"$tenant"}, customer)',
      query: {
        qryType: 1,
        query: 'label_values({__name__=~"vigil_job_info|vigil_device_info|vigil_chain_depth|vigil_folder_unmanaged",tenant=~"$tenant"}, customer)',
        refId: 'PrometheusVariableQueryEditor-VariableQuery',
      },
      refresh: 2,
      sort: 1,
      multi: true,
      includeAll: true,
      current: {},
      hide: 0,
      regex: '',
      options: [],
    },
    {
      name: 'device',
      label: 'Device',
      type: 'query',
      datasource: g.ds,
      definition: 'label_values({__name__=~"vigil_job_info|vigil_device_info",tenant=~"$tenant",customer=~"$customer"}, device)',
      query: {
        qryType: 1,
        query: 'label_values({__name__=~"vigil_job_info|vigil_device_info",tenant=~"$tenant",customer=~"$customer"}, device)',
        refId: 'PrometheusVariableQueryEditor-VariableQuery',
      },
      refresh: 2,
      sort: 1,
      multi: true,
      includeAll: true,
      current: {},
      hide: 0,
      regex: '',
      options: [],
    },
    {
      name: 'backup_job',
      label: 'Backup job',
      type: 'query',
      datasource: g.ds,
      definition: 'label_values(vigil_job_info{tenant=~"$tenant",customer=~"$customer",device=~"$device"}, backup_job)',
      query: {
        qryType: 1,
        query: 'label_values(vigil_job_info{tenant=~"$tenant",customer=~"$customer",device=~"$device"}, backup_job)',
        refId: 'PrometheusVariableQueryEditor-VariableQuery',
      },
      refresh: 2,
      sort: 1,
      multi: true,
      includeAll: true,
      current: {},
      hide: 0,
      regex: '',
      options: [],
    },
  ],
  panels=[
    { type: 'row', title: 'Now', collapsed: false, id: 1, gridPos: { h: 1, w: 24, x: 0, y: 0 }, panels: [] },
    {
      type: 'stat',
      title: 'Status',
      description: 'Worst status of the selected jobs: ok, warning, failed or overdue.',
      datasource: g.ds,
      id: 2,
      gridPos: { h: 4, w: 6, x: 0, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max(vigil:job_status:code{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"})',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          mappings: [
            {
              type: 'value',
              options: {
                '0': { text: 'ok', color: 'green', index: 0 },
                '1': { text: 'warning', color: 'yellow', index: 1 },
                '2': { text: 'failed', color: 'red', index: 2 },
                '3': { text: 'overdue', color: 'purple', index: 3 },
              },
            },
          ],
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] },
        },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'background',
        graphMode: 'none',
        textMode: 'auto',
      },
    },
    {
      type: 'stat',
      title: 'Age of last success / grace',
      description: 'Age of the last success as a share of the grace; at 100 % the job is overdue.',
      datasource: g.ds,
      id: 3,
      gridPos: { h: 4, w: 6, x: 6, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max(vigil:job_since_last_success_over_grace:ratio{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"})',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          thresholds: {
            mode: 'absolute',
            steps: [{ color: 'green', value: null }, { color: 'orange', value: 0.8 }, { color: 'red', value: 1 }],
          },
        },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'background',
        graphMode: 'none',
        textMode: 'auto',
      },
    },
    {
      type: 'stat',
      title: 'Failures in a row',
      description: 'Runs that failed in a row (the most among the selected jobs); 3 pages.',
      datasource: g.ds,
      id: 4,
      gridPos: { h: 4, w: 6, x: 12, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max(vigil_job_consecutive_failures{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"})',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: {
            mode: 'absolute',
            steps: [{ color: 'green', value: null }, { color: 'orange', value: 1 }, { color: 'red', value: 3 }],
          },
        },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'background',
        graphMode: 'none',
        textMode: 'auto',
      },
    },
    {
      type: 'stat',
      title: 'Since last success',
      description: 'Time since the last successful run (the oldest among the selected jobs).',
      datasource: g.ds,
      id: 5,
      gridPos: { h: 4, w: 6, x: 18, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max(vigil_job_since_last_success_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"})',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: { unit: 's', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] } },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'background',
        graphMode: 'none',
        textMode: 'auto',
      },
    },
    {
      type: 'table',
      title: 'Job',
      description: "The job's product, first seen, last run, last success and grace.",
      datasource: g.ds,
      id: 6,
      gridPos: { h: 6, w: 24, x: 0, y: 5 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_info{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_first_seen_timestamp_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"} * 1000',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'B',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_timestamp_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"} * 1000',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'C',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_last_success_timestamp_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"} * 1000',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'D',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_grace_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'E',
        },
      ],
      fieldConfig: {
        defaults: {},
        overrides: [
          {
            matcher: { id: 'byRegexp', options: 'First seen|Last run|Last success' },
            properties: [{ id: 'unit', value: 'dateTimeAsIso' }],
          },
          { matcher: { id: 'byRegexp', options: 'Grace' }, properties: [{ id: 'unit', value: 's' }] },
          {
            matcher: { id: 'byName', options: 'Customer' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Customer dashboard of ${__value.text}',
                    url: '/d/vigil-customer?${tenant:queryparam}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
                  },
                ],
              },
            ],
          },
          {
            matcher: { id: 'byName', options: 'Job' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Job dashboard of ${__value.text}',
                    url: '/d/vigil-job?${tenant:queryparam}&var-customer=${__data.fields["Customer"]}&var-device=${__data.fields["Device"]}&var-backup_job=${__data.fields["Job"]}&${__url_time_range}',
                  },
                ],
              },
            ],
          },
        ],
      },
      options: { showHeader: true, cellHeight: 'sm', footer: { show: false } },
      transformations: [
        { id: 'merge', options: {} },
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: {
              customer: 0,
              device: 1,
              backup_job: 2,
              product: 3,
              'Value #B': 4,
              'Value #C': 5,
              'Value #D': 6,
              'Value #E': 7,
            },
            renameByName: {
              customer: 'Customer',
              device: 'Device',
              backup_job: 'Job',
              product: 'Product',
              'Value #B': 'First seen',
              'Value #C': 'Last run',
              'Value #D': 'Last success',
              'Value #E': 'Grace',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: {
            include: {
              names: ['Customer', 'Device', 'Job', 'Product', 'First seen', 'Last run', 'Last success', 'Grace'],
            },
          },
        },
      ],
    },
    {
      type: 'row',
      title: 'History',
      collapsed: false,
      id: 7,
      gridPos: { h: 1, w: 24, x: 0, y: 11 },
      panels: [],
    },
    {
      type: 'state-timeline',
      title: 'Status',
      description: 'Worst status of the selected jobs: ok, warning, failed or overdue.',
      datasource: g.ds,
      id: 8,
      gridPos: { h: 6, w: 24, x: 0, y: 12 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil:job_status:code{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: '{{device}} / {{backup_job}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          mappings: [
            {
              type: 'value',
              options: {
                '0': { text: 'ok', color: 'green', index: 0 },
                '1': { text: 'warning', color: 'yellow', index: 1 },
                '2': { text: 'failed', color: 'red', index: 2 },
                '3': { text: 'overdue', color: 'purple', index: 3 },
              },
            },
          ],
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] },
        },
        overrides: [],
      },
      options: { showValue: 'never', mergeValues: true, rowHeight: 0.8, legend: { showLegend: false } },
    },
    {
      type: 'timeseries',
      title: 'Age of last success vs grace',
      description: 'Time since the last success against the grace; above the grace line the job is overdue.',
      datasource: g.ds,
      id: 9,
      gridPos: { h: 8, w: 12, x: 0, y: 18 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_since_last_success_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: 'age {{backup_job}}',
          range: true,
          instant: false,
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_grace_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: 'grace {{backup_job}}',
          range: true,
          instant: false,
          refId: 'B',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 's',
          custom: { drawStyle: 'line', fillOpacity: 5, stacking: { mode: 'none', group: 'A' }, showPoints: 'never' },
        },
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
    {
      type: 'timeseries',
      title: 'Runs by result',
      description: 'Runs reported per interval, by result (success, warning, failed).',
      datasource: g.ds,
      id: 10,
      gridPos: { h: 8, w: 12, x: 12, y: 18 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (result) (increase(vigil_job_runs_total{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}[$__rate_interval]))',
          legendFormat: '{{result}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          custom: {
            drawStyle: 'bars',
            fillOpacity: 20,
            stacking: { mode: 'normal', group: 'A' },
            showPoints: 'never',
          },
        },
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
    {
      type: 'timeseries',
      title: 'Duration of the newest run',
      description: 'Duration of the newest run, as reported by the agent.',
      datasource: g.ds,
      id: 11,
      gridPos: { h: 8, w: 12, x: 0, y: 26 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_duration_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: '{{backup_job}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 's',
          custom: { drawStyle: 'line', fillOpacity: 5, stacking: { mode: 'none', group: 'A' }, showPoints: 'never' },
        },
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
    {
      type: 'timeseries',
      title: 'Bytes of the newest run',
      description: 'Bytes the newest run of each job backed up, as reported by the agent.',
      datasource: g.ds,
      id: 12,
      gridPos: { h: 8, w: 12, x: 12, y: 26 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_bytes{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: '{{backup_job}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 'bytes',
          custom: { drawStyle: 'line', fillOpacity: 5, stacking: { mode: 'none', group: 'A' }, showPoints: 'never' },
        },
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
    {
      type: 'timeseries',
      title: 'Files of the newest run',
      description: 'Files the newest run backed up, as reported by the agent.',
      datasource: g.ds,
      id: 13,
      gridPos: { h: 8, w: 12, x: 0, y: 34 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_files{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: '{{backup_job}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          custom: { drawStyle: 'line', fillOpacity: 5, stacking: { mode: 'none', group: 'A' }, showPoints: 'never' },
        },
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
    {
      type: 'timeseries',
      title: 'Errors and warnings of the newest run',
      description: 'Errors and warnings the newest run reported.',
      datasource: g.ds,
      id: 14,
      gridPos: { h: 8, w: 12, x: 12, y: 34 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_errors{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: 'errors {{backup_job}}',
          range: true,
          instant: false,
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_warnings{tenant=~"$tenant",customer=~"$customer",device=~"$device",backup_job=~"$backup_job"}',
          legendFormat: 'warnings {{backup_job}}',
          range: true,
          instant: false,
          refId: 'B',
        },
      ],
      fieldConfig: {
        defaults: {
          custom: { drawStyle: 'line', fillOpacity: 5, stacking: { mode: 'none', group: 'A' }, showPoints: 'never' },
        },
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
  ],
)
