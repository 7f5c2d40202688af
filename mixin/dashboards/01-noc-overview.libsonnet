// Grafana dashboard vigil-noc ("Vigil / NOC overview"); panels laid out on Grafana's 24-column grid.
local g = import '../lib/grafana.libsonnet';

function(c) g.dashboard(
  c,
  uid='vigil-noc',
  title='Vigil / NOC overview',
  description='Overnight status across all customers, last status of every job, and only what is in error.',
  from='now-24h',
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
      title: 'Counts',
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
          expr: 'sum(vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="ok"}) or vector(0)',
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
          expr: 'sum(vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="warning"}) or vector(0)',
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
          expr: 'sum(vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="failed"}) or vector(0)',
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
          expr: 'sum(vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="overdue"}) or vector(0)',
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
          expr: 'sum(vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="missed"}) or vector(0)',
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
      description: 'Heartbeat devices of the selected customers that missed 3 heartbeats in a row.',
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
      title: 'Active device errors',
      description: 'Errors the selected site servers report as active (disk full, cameras unreachable, archive failures, ...).',
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
      type: 'stat',
      title: 'Connectors down',
      description: 'Connectors whose last poll failed, among those holding chains of the selected customers.',
      datasource: g.ds,
      id: 9,
      gridPos: { h: 4, w: 4, x: 4, y: 5 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum((1 - vigil_connector_up{tenant=~"$tenant"}) and on (tenant, connector) count by (tenant, connector) (vigil_chain_depth{tenant=~"$tenant",customer=~"$customer"})) or vector(0)',
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
      type: 'table',
      title: 'Jobs by status per tenant',
      description: 'Number of backup jobs per tenant and status (recording rule vigil:job_status:count_by_tenant).',
      datasource: g.ds,
      id: 10,
      gridPos: { h: 8, w: 8, x: 8, y: 5 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil:job_status:count_by_tenant{tenant=~"$tenant"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
      ],
      fieldConfig: { defaults: {}, overrides: [] },
      options: { showHeader: true, cellHeight: 'sm', footer: { show: false } },
      transformations: [
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { tenant: 0, status: 1, Value: 2 },
            renameByName: { tenant: 'Tenant', status: 'Status', Value: 'Jobs' },
          },
        },
        { id: 'filterFieldsByName', options: { include: { names: ['Tenant', 'Status', 'Jobs'] } } },
      ],
    },
    {
      type: 'timeseries',
      title: 'Overnight: jobs by status',
      description: 'Number of jobs per status over time: how the night went.',
      datasource: g.ds,
      id: 11,
      gridPos: { h: 8, w: 16, x: 0, y: 13 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (status) (vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device"})',
          legendFormat: '{{status}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          custom: {
            drawStyle: 'line',
            fillOpacity: 20,
            stacking: { mode: 'normal', group: 'A' },
            showPoints: 'never',
          },
        },
        overrides: [
          {
            matcher: { id: 'byName', options: 'ok' },
            properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'green' } }],
          },
          {
            matcher: { id: 'byName', options: 'warning' },
            properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'yellow' } }],
          },
          {
            matcher: { id: 'byName', options: 'failed' },
            properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }],
          },
          {
            matcher: { id: 'byName', options: 'overdue' },
            properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'purple' } }],
          },
          {
            matcher: { id: 'byName', options: 'missed' },
            properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'dark-purple' } }],
          },
        ],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
    {
      type: 'row',
      title: 'Overnight status across all customers',
      collapsed: false,
      id: 12,
      gridPos: { h: 1, w: 24, x: 0, y: 21 },
      panels: [],
    },
    {
      type: 'state-timeline',
      title: 'Worst job status per customer',
      description: "0 ok, 1 warning, 2 failed, 3 overdue or missed: the worst status among the customer's jobs.",
      datasource: g.ds,
      id: 13,
      gridPos: { h: 10, w: 24, x: 0, y: 22 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil:customer_worst_job_status:code{tenant=~"$tenant",customer=~"$customer"}',
          legendFormat: '{{tenant}} / {{customer}}',
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
      title: 'Problems (only what is in error)',
      collapsed: false,
      id: 14,
      gridPos: { h: 1, w: 24, x: 0, y: 32 },
      panels: [],
    },
    {
      type: 'table',
      title: 'Overdue jobs',
      description: 'Only the overdue jobs, with the time since their last success. Click a customer or job for its dashboard.',
      datasource: g.ds,
      id: 15,
      gridPos: { h: 8, w: 12, x: 0, y: 33 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_since_last_success_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"} and on (tenant, customer, device, backup_job) (vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="overdue"} == 1)',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: { unit: 's', thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }] } },
        overrides: [
          {
            matcher: { id: 'byName', options: 'Customer' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Customer dashboard of ${__value.text}',
                    url: '/d/vigil-customer?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/customer?customer=${__data.fields["Customer"]:percentencode}',
                    targetBlank: true,
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
                    url: '/d/vigil-job?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&var-device=${__data.fields["Device"]}&var-backup_job=${__data.fields["Job"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/job?customer=${__data.fields["Customer"]:percentencode}&device=${__data.fields["Device"]:percentencode}&job=${__data.fields["Job"]:percentencode}',
                    targetBlank: true,
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
            indexByName: { tenant: 0, customer: 1, device: 2, backup_job: 3, Value: 4 },
            renameByName: {
              tenant: 'Tenant',
              customer: 'Customer',
              device: 'Device',
              backup_job: 'Job',
              Value: 'Since last success',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Device', 'Job', 'Since last success'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Missed jobs',
      description: 'Only the scheduled jobs whose newest expected run was missed, with the runs missed since their newest run. Click a customer or job for its dashboard.',
      datasource: g.ds,
      id: 16,
      gridPos: { h: 8, w: 12, x: 12, y: 33 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_missed_runs_total{tenant=~"$tenant",customer=~"$customer",device=~"$device"} and on (tenant, customer, device, backup_job) (vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="missed"} == 1)',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: { thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }] } },
        overrides: [
          {
            matcher: { id: 'byName', options: 'Customer' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Customer dashboard of ${__value.text}',
                    url: '/d/vigil-customer?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/customer?customer=${__data.fields["Customer"]:percentencode}',
                    targetBlank: true,
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
                    url: '/d/vigil-job?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&var-device=${__data.fields["Device"]}&var-backup_job=${__data.fields["Job"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/job?customer=${__data.fields["Customer"]:percentencode}&device=${__data.fields["Device"]:percentencode}&job=${__data.fields["Job"]:percentencode}',
                    targetBlank: true,
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
            indexByName: { tenant: 0, customer: 1, device: 2, backup_job: 3, Value: 4 },
            renameByName: {
              tenant: 'Tenant',
              customer: 'Customer',
              device: 'Device',
              backup_job: 'Job',
              Value: 'Runs missed',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Device', 'Job', 'Runs missed'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Failed jobs',
      description: 'Only the jobs whose newest run failed, with the number of failures in a row. Click a customer or job for its dashboard.',
      datasource: g.ds,
      id: 17,
      gridPos: { h: 8, w: 12, x: 0, y: 41 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_job_consecutive_failures{tenant=~"$tenant",customer=~"$customer",device=~"$device"} and on (tenant, customer, device, backup_job) (vigil_job_status{tenant=~"$tenant",customer=~"$customer",device=~"$device",status="failed"} == 1)',
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
            matcher: { id: 'byName', options: 'Customer' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Customer dashboard of ${__value.text}',
                    url: '/d/vigil-customer?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/customer?customer=${__data.fields["Customer"]:percentencode}',
                    targetBlank: true,
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
                    url: '/d/vigil-job?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&var-device=${__data.fields["Device"]}&var-backup_job=${__data.fields["Job"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/job?customer=${__data.fields["Customer"]:percentencode}&device=${__data.fields["Device"]:percentencode}&job=${__data.fields["Job"]:percentencode}',
                    targetBlank: true,
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
            indexByName: { tenant: 0, customer: 1, device: 2, backup_job: 3, Value: 4 },
            renameByName: {
              tenant: 'Tenant',
              customer: 'Customer',
              device: 'Device',
              backup_job: 'Job',
              Value: 'Failures in a row',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Device', 'Job', 'Failures in a row'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Unavailable devices (3 missed heartbeats)',
      description: 'Only the devices that missed 3 heartbeats in a row, with the time since the last one.',
      datasource: g.ds,
      id: 18,
      gridPos: { h: 8, w: 12, x: 12, y: 41 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_device_since_last_heartbeat_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"} and on (tenant, customer, device) (vigil_device_up{tenant=~"$tenant",customer=~"$customer",device=~"$device"} == 0)',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: { unit: 's' },
        overrides: [
          {
            matcher: { id: 'byName', options: 'Customer' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Customer dashboard of ${__value.text}',
                    url: '/d/vigil-customer?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/customer?customer=${__data.fields["Customer"]:percentencode}',
                    targetBlank: true,
                  },
                ],
              },
            ],
          },
          {
            matcher: { id: 'byName', options: 'Device' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Site health dashboard of ${__value.text}',
                    url: '/d/vigil-site-health?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&var-device=${__data.fields["Device"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/device?customer=${__data.fields["Customer"]:percentencode}&device=${__data.fields["Device"]:percentencode}',
                    targetBlank: true,
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
            indexByName: { tenant: 0, customer: 1, device: 2, Value: 3 },
            renameByName: { tenant: 'Tenant', customer: 'Customer', device: 'Device', Value: 'Since last heartbeat' },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Device', 'Since last heartbeat'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Active device errors',
      description: 'Errors the selected site servers report as active (disk full, cameras unreachable, archive failures, ...).',
      datasource: g.ds,
      id: 19,
      gridPos: { h: 8, w: 12, x: 0, y: 49 },
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
            matcher: { id: 'byName', options: 'Customer' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Customer dashboard of ${__value.text}',
                    url: '/d/vigil-customer?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/customer?customer=${__data.fields["Customer"]:percentencode}',
                    targetBlank: true,
                  },
                ],
              },
            ],
          },
          {
            matcher: { id: 'byName', options: 'Device' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Site health dashboard of ${__value.text}',
                    url: '/d/vigil-site-health?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&var-device=${__data.fields["Device"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/device?customer=${__data.fields["Customer"]:percentencode}&device=${__data.fields["Device"]:percentencode}',
                    targetBlank: true,
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
            indexByName: { tenant: 0, customer: 1, device: 2, 'error': 3 },
            renameByName: { tenant: 'Tenant', customer: 'Customer', device: 'Device', 'error': 'Error' },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Device', 'Error'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Connectors down',
      description: 'Only connectors whose last poll failed. Pending the connector issue.',
      datasource: g.ds,
      id: 20,
      gridPos: { h: 8, w: 12, x: 12, y: 49 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_connector_up{tenant=~"$tenant"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          mappings: [
            {
              type: 'value',
              options: {
                '0': { text: 'DOWN', color: 'red', index: 0 },
                '1': { text: 'up', color: 'green', index: 1 },
              },
            },
          ],
        },
        overrides: [
          {
            matcher: { id: 'byName', options: 'Connector' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/connectors',
                    targetBlank: true,
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
          id: 'filterByValue',
          options: {
            type: 'include',
            match: 'all',
            filters: [{ fieldName: 'Value', config: { id: 'equal', options: { value: 0 } } }],
          },
        },
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { tenant: 0, connector: 1, Value: 2 },
            renameByName: { tenant: 'Tenant', connector: 'Connector', Value: 'State' },
          },
        },
        { id: 'filterFieldsByName', options: { include: { names: ['Tenant', 'Connector', 'State'] } } },
      ],
    },
    {
      type: 'table',
      title: 'Broken image chains',
      description: 'Only chains with a missing parent image. Pending the connector issue.',
      datasource: g.ds,
      id: 21,
      gridPos: { h: 8, w: 12, x: 0, y: 57 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_chain_broken{tenant=~"$tenant",customer=~"$customer"}',
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
            matcher: { id: 'byName', options: 'Customer' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: 'Customer dashboard of ${__value.text}',
                    url: '/d/vigil-customer?var-tenant=${__data.fields["Tenant"]}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
                  },
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/customer?customer=${__data.fields["Customer"]:percentencode}',
                    targetBlank: true,
                  },
                ],
              },
            ],
          },
          {
            matcher: { id: 'byName', options: 'Volume' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/chain?connector=${__data.fields["Connector"]:percentencode}&folder=${__data.fields["Folder"]:percentencode}&volume=${__data.fields["Volume"]:percentencode}',
                    targetBlank: true,
                  },
                ],
              },
            ],
          },
          {
            matcher: { id: 'byName', options: 'Connector' },
            properties: [
              {
                id: 'links',
                value: [
                  {
                    title: '${__value.text} in the Vigil console',
                    url: '${console_url}/console/t/${__data.fields["Tenant"]}/connectors',
                    targetBlank: true,
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
          id: 'filterByValue',
          options: {
            type: 'include',
            match: 'all',
            filters: [{ fieldName: 'Value', config: { id: 'equal', options: { value: 1 } } }],
          },
        },
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { tenant: 0, customer: 1, connector: 2, folder: 3, volume: 4 },
            renameByName: {
              tenant: 'Tenant',
              customer: 'Customer',
              connector: 'Connector',
              folder: 'Folder',
              volume: 'Volume',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Connector', 'Folder', 'Volume'] } },
        },
      ],
    },
  ],
)
