// Grafana dashboard vigil-customer ("Vigil / Customer"); panels laid out on Grafana's 24-column grid.
local g = import '../lib/grafana.libsonnet';

function(c) g.dashboard(
  c,
  uid='vigil-customer',
  title='Vigil / Customer',
  description='One customer: jobs, devices, errors and image storage.',
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
      name: 'console_url',
      label: 'Vigil console',
      type: 'constant',
      query: 'http://127.0.0.1:9877',
      hide: 2,
      current: { text: 'http://127.0.0.1:9877', value: 'http://127.0.0.1:9877' },
      options: [],
    },
  ],
  panels=[
    {
      type: 'row',
      title: 'Status',
      collapsed: false,
      id: 1,
      gridPos: { h: 1, w: 24, x: 0, y: 0 },
      panels: [],
    },
    {
      type: 'stat',
      title: 'Jobs ok',
      description: 'Backup jobs of the selection whose newest run succeeded within their grace.',
      datasource: g.ds,
      id: 2,
      gridPos: { h: 4, w: 4, x: 0, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil:job_status:count_by_customer{tenant=~"$tenant",customer=~"$customer",status="ok"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: { thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] } },
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
      title: 'Jobs warning',
      description: 'Backup jobs whose newest run ended with warnings (e.g. files skipped).',
      datasource: g.ds,
      id: 3,
      gridPos: { h: 4, w: 4, x: 4, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil:job_status:count_by_customer{tenant=~"$tenant",customer=~"$customer",status="warning"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'yellow', value: 1 }] },
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
      title: 'Jobs failed',
      description: 'Backup jobs whose newest run failed.',
      datasource: g.ds,
      id: 4,
      gridPos: { h: 4, w: 4, x: 8, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil:job_status:count_by_customer{tenant=~"$tenant",customer=~"$customer",status="failed"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] },
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
      title: 'Jobs overdue',
      description: 'Backup jobs without a successful run within their own grace period.',
      datasource: g.ds,
      id: 5,
      gridPos: { h: 4, w: 4, x: 12, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil:job_status:count_by_customer{tenant=~"$tenant",customer=~"$customer",status="overdue"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'purple', value: 1 }] },
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
      title: 'Jobs missed',
      description: 'Scheduled backup jobs whose newest expected run has no result by the end of its window plus grace.',
      datasource: g.ds,
      id: 6,
      gridPos: { h: 4, w: 4, x: 16, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil:job_status:count_by_customer{tenant=~"$tenant",customer=~"$customer",status="missed"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'dark-purple', value: 1 }] },
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
      title: 'Devices unavailable',
      description: 'Heartbeat devices of the selection that missed 3 heartbeats in a row.',
      datasource: g.ds,
      id: 7,
      gridPos: { h: 4, w: 4, x: 20, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(1 - vigil_device_up{tenant=~"$tenant",customer=~"$customer",device=~"$device"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] },
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
      title: 'Active errors',
      description: 'Errors the selected devices report as active.',
      datasource: g.ds,
      id: 8,
      gridPos: { h: 4, w: 4, x: 0, y: 5 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil_device_error_active{tenant=~"$tenant",customer=~"$customer",device=~"$device"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] },
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
      type: 'state-timeline',
      title: 'Job status history',
      description: 'Status of each job over time: green ok, yellow warning, red failed, purple overdue.',
      datasource: g.ds,
      id: 9,
      gridPos: { h: 10, w: 24, x: 0, y: 9 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil:job_status:code{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
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
                '3': { text: 'overdue / missed', color: 'purple', index: 3 },
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
      type: 'row',
      title: 'Jobs',
      collapsed: false,
      id: 10,
      gridPos: { h: 1, w: 24, x: 0, y: 19 },
      panels: [],
    },
    {
      type: 'table',
      title: 'Last status of every job',
      description: 'Every job of the selection: status, age of the last success against its grace, duration and bytes of the newest run.',
      datasource: g.ds,
      id: 11,
      gridPos: { h: 10, w: 24, x: 0, y: 20 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil:job_status:code{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_since_last_success_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'B',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_grace_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'C',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_duration_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'D',
        },
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_bytes{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
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
            matcher: { id: 'byName', options: 'Status' },
            properties: [
              {
                id: 'mappings',
                value: [
                  {
                    type: 'value',
                    options: {
                      '0': { text: 'ok', color: 'green', index: 0 },
                      '1': { text: 'warning', color: 'yellow', index: 1 },
                      '2': { text: 'failed', color: 'red', index: 2 },
                      '3': { text: 'overdue / missed', color: 'purple', index: 3 },
                    },
                  },
                ],
              },
              { id: 'custom.cellOptions', value: { type: 'color-background' } },
            ],
          },
          {
            matcher: { id: 'byRegexp', options: 'Since last success|Grace|Last duration' },
            properties: [{ id: 'unit', value: 's' }],
          },
          {
            matcher: { id: 'byRegexp', options: 'Last bytes' },
            properties: [{ id: 'unit', value: 'bytes' }],
          },
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
              'Value #A': 3,
              'Value #B': 4,
              'Value #C': 5,
              'Value #D': 6,
              'Value #E': 7,
            },
            renameByName: {
              customer: 'Customer',
              device: 'Device',
              backup_job: 'Job',
              'Value #A': 'Status',
              'Value #B': 'Since last success',
              'Value #C': 'Grace',
              'Value #D': 'Last duration',
              'Value #E': 'Last bytes',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: {
            include: {
              names: [
                'Customer',
                'Device',
                'Job',
                'Status',
                'Since last success',
                'Grace',
                'Last duration',
                'Last bytes',
              ],
            },
          },
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Bytes of the newest run',
      description: 'Bytes the newest run of each job backed up, as reported by the agent.',
      datasource: g.ds,
      id: 12,
      gridPos: { h: 8, w: 12, x: 0, y: 30 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_last_run_bytes{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '{{device}} / {{backup_job}}',
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
      title: 'Runs by result',
      description: 'Runs reported per interval, by result (success, warning, failed).',
      datasource: g.ds,
      id: 13,
      gridPos: { h: 8, w: 12, x: 12, y: 30 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (result) (increase(vigil_job_runs_total{tenant=~"$tenant",customer=~"$customer",device=~"$device"}[$__rate_interval]))',
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
      type: 'row',
      title: 'Devices and site health',
      collapsed: false,
      id: 14,
      gridPos: { h: 1, w: 24, x: 0, y: 38 },
      panels: [],
    },
    {
      type: 'table',
      title: 'Devices',
      description: 'Heartbeat devices: state, time since the last heartbeat and the expected interval.',
      datasource: g.ds,
      id: 15,
      gridPos: { h: 8, w: 12, x: 0, y: 39 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_device_up{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'vigil_device_since_last_heartbeat_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'B',
        },
        {
          datasource: g.ds,
          expr: 'vigil_device_heartbeat_interval_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'C',
        },
      ],
      fieldConfig: {
        defaults: {},
        overrides: [
          {
            matcher: { id: 'byName', options: 'State' },
            properties: [
              {
                id: 'mappings',
                value: [
                  {
                    type: 'value',
                    options: {
                      '0': { text: 'DOWN', color: 'red', index: 0 },
                      '1': { text: 'up', color: 'green', index: 1 },
                    },
                  },
                ],
              },
              { id: 'custom.cellOptions', value: { type: 'color-background' } },
            ],
          },
          {
            matcher: { id: 'byRegexp', options: 'Since last heartbeat|Interval' },
            properties: [{ id: 'unit', value: 's' }],
          },
          {
            matcher: { id: 'byName', options: 'Device' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Site health dashboard of ${__value.text}',
                    url: '/d/vigil-site-health?${tenant:queryparam}&${customer:queryparam}&var-device=${__data.fields["Device"]}&${__url_time_range}',
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
            indexByName: { device: 0, 'Value #A': 1, 'Value #B': 2, 'Value #C': 3 },
            renameByName: {
              device: 'Device',
              'Value #A': 'State',
              'Value #B': 'Since last heartbeat',
              'Value #C': 'Interval',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Device', 'State', 'Since last heartbeat', 'Interval'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Active errors',
      description: 'Errors the selected devices report as active.',
      datasource: g.ds,
      id: 16,
      gridPos: { h: 8, w: 12, x: 12, y: 39 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_device_error_active{tenant=~"$tenant",customer=~"$customer",device=~"$device"} == 1',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {},
        overrides: [
          {
            matcher: { id: 'byName', options: 'Device' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Site health dashboard of ${__value.text}',
                    url: '/d/vigil-site-health?${tenant:queryparam}&${customer:queryparam}&var-device=${__data.fields["Device"]}&${__url_time_range}',
                  },
                ],
              },
            ],
          },
        ],
      },
      options: { showHeader: true, cellHeight: 'sm', footer: { show: false } },
      transformations: [
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { device: 0, 'error': 1 },
            renameByName: { device: 'Device', 'error': 'Error' },
          },
        },
        { id: 'filterFieldsByName', options: { include: { names: ['Device', 'Error'] } } },
      ],
    },
    {
      type: 'row',
      title: 'Image storage (connector)',
      collapsed: false,
      id: 17,
      gridPos: { h: 1, w: 24, x: 0, y: 47 },
      panels: [],
    },
    {
      type: 'bargauge',
      title: 'Quota used',
      description: "Bytes in the customer's chains (usage + retention) / its configured quota_bytes. Only customers with a quota have one: free space on a repository is not a quota (see Repository free space).",
      datasource: g.ds,
      id: 18,
      gridPos: { h: 6, w: 8, x: 0, y: 48 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil:customer_quota_used:ratio{tenant=~"$tenant",customer=~"$customer"}',
          legendFormat: '{{customer}}',
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
            steps: [{ color: 'green', value: null }, { color: 'orange', value: 0.8 }, { color: 'red', value: 0.9 }],
          },
          noValue: 'no quota configured',
        },
        overrides: [],
      },
      options: {
        orientation: 'horizontal',
        displayMode: 'gradient',
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      },
    },
    {
      type: 'timeseries',
      title: 'Usage and retention',
      description: "Bytes in the customer's image chains (usage: needed for the newest image; retention: kept for older restore points) and the customer's configured quota, if it has one.",
      datasource: g.ds,
      id: 19,
      gridPos: { h: 6, w: 16, x: 8, y: 48 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (customer) (vigil_chain_usage_bytes{tenant=~"$tenant",customer=~"$customer"})',
          legendFormat: 'usage {{customer}}',
          range: true,
          instant: false,
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'sum by (customer) (vigil_chain_retention_bytes{tenant=~"$tenant",customer=~"$customer"})',
          legendFormat: 'retention {{customer}}',
          range: true,
          instant: false,
          refId: 'B',
        },
        {
          datasource: g.ds,
          expr: 'max by (customer) (vigil_customer_quota_bytes{tenant=~"$tenant",customer=~"$customer"})',
          legendFormat: 'quota {{customer}}',
          range: true,
          instant: false,
          refId: 'C',
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
      title: 'Repository free space',
      description: "Free and total bytes of the file stores holding the repositories where the customer's folders are (the connectors that found them). Not a quota: other customers' images share this space.",
      datasource: g.ds,
      id: 20,
      gridPos: { h: 6, w: 24, x: 0, y: 54 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max by (connector) (vigil_repository_free_bytes{tenant=~"$tenant"} and on (tenant, connector) vigil_folder_unmanaged{tenant=~"$tenant",customer=~"$customer"})',
          legendFormat: 'free {{connector}}',
          range: true,
          instant: false,
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'max by (connector) (vigil_repository_size_bytes{tenant=~"$tenant"} and on (tenant, connector) vigil_folder_unmanaged{tenant=~"$tenant",customer=~"$customer"})',
          legendFormat: 'size {{connector}}',
          range: true,
          instant: false,
          refId: 'B',
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
  ],
)
