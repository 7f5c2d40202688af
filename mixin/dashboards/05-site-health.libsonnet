// Grafana dashboard vigil-site-health ("Vigil / Site health"); panels laid out on Grafana's 24-column grid.
local g = import '../lib/grafana.libsonnet';

function(c) g.dashboard(
  c,
  uid='vigil-site-health',
  title='Vigil / Site health',
  description='Heartbeat freshness and active errors of site servers.',
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
    { type: 'row', title: 'Now', collapsed: false, id: 1, gridPos: { h: 1, w: 24, x: 0, y: 0 }, panels: [] },
    {
      type: 'stat',
      title: 'Devices',
      description: 'Heartbeat devices: state, time since the last heartbeat and the expected interval.',
      datasource: g.ds,
      id: 2,
      gridPos: { h: 4, w: 4, x: 0, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'count(vigil_device_up{tenant=~"$tenant",customer=~"$customer",device=~"$device"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: { thresholds: { mode: 'absolute', steps: [{ color: 'blue', value: null }] } },
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
      title: 'Unavailable',
      description: 'Devices that missed 3 heartbeats in a row.',
      datasource: g.ds,
      id: 3,
      gridPos: { h: 4, w: 4, x: 4, y: 1 },
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
      id: 4,
      gridPos: { h: 4, w: 4, x: 8, y: 1 },
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
      title: 'Oldest heartbeat',
      description: 'Time since the oldest last heartbeat among the selected devices.',
      datasource: g.ds,
      id: 5,
      gridPos: { h: 4, w: 4, x: 12, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max(vigil_device_since_last_heartbeat_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"})',
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
      title: 'Active errors (only devices in error)',
      description: 'Only the devices with an active error, and which.',
      datasource: g.ds,
      id: 6,
      gridPos: { h: 4, w: 8, x: 16, y: 1 },
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
      title: 'Heartbeat freshness',
      description: 'Every device: state, time since its last heartbeat, interval, intervals missed (3 = unavailable).',
      datasource: g.ds,
      id: 7,
      gridPos: { h: 10, w: 24, x: 0, y: 5 },
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
        {
          datasource: g.ds,
          expr: 'vigil_device_since_last_heartbeat_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"} / vigil_device_heartbeat_interval_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'D',
        },
        {
          datasource: g.ds,
          expr: 'vigil_device_last_heartbeat_timestamp_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"} * 1000',
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
            matcher: { id: 'byName', options: 'Intervals missed' },
            properties: [
              { id: 'decimals', value: 1 },
              {
                id: 'thresholds',
                value: {
                  mode: 'absolute',
                  steps: [
                    { color: 'green', value: null },
                    { color: 'orange', value: 2 },
                    { color: 'red', value: 3 },
                  ],
                },
              },
              { id: 'custom.cellOptions', value: { type: 'color-text' } },
            ],
          },
          {
            matcher: { id: 'byRegexp', options: 'Last heartbeat' },
            properties: [{ id: 'unit', value: 'dateTimeAsIso' }],
          },
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
        { id: 'merge', options: {} },
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: {
              tenant: 0,
              customer: 1,
              device: 2,
              'Value #A': 3,
              'Value #B': 4,
              'Value #C': 5,
              'Value #D': 6,
              'Value #E': 7,
            },
            renameByName: {
              tenant: 'Tenant',
              customer: 'Customer',
              device: 'Device',
              'Value #A': 'State',
              'Value #B': 'Since last heartbeat',
              'Value #C': 'Interval',
              'Value #D': 'Intervals missed',
              'Value #E': 'Last heartbeat',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: {
            include: {
              names: [
                'Tenant',
                'Customer',
                'Device',
                'State',
                'Since last heartbeat',
                'Interval',
                'Intervals missed',
                'Last heartbeat',
              ],
            },
          },
        },
      ],
    },
    {
      type: 'row',
      title: 'History',
      collapsed: false,
      id: 8,
      gridPos: { h: 1, w: 24, x: 0, y: 15 },
      panels: [],
    },
    {
      type: 'state-timeline',
      title: 'Availability',
      description: 'Device availability over time (up, or DOWN after 3 missed heartbeats).',
      datasource: g.ds,
      id: 9,
      gridPos: { h: 8, w: 24, x: 0, y: 16 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_device_up{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '{{customer}} / {{device}}',
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
                '0': { text: 'DOWN', color: 'red', index: 0 },
                '1': { text: 'up', color: 'green', index: 1 },
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
      title: 'Heartbeat intervals since the last heartbeat (3 = unavailable)',
      description: 'Time since the last heartbeat in heartbeat intervals; at 3 the device is unavailable.',
      datasource: g.ds,
      id: 10,
      gridPos: { h: 8, w: 12, x: 0, y: 24 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_device_since_last_heartbeat_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"} / vigil_device_heartbeat_interval_seconds{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
          legendFormat: '{{customer}} / {{device}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: {
            mode: 'absolute',
            steps: [{ color: 'green', value: null }, { color: 'orange', value: 2 }, { color: 'red', value: 3 }],
          },
          custom: { drawStyle: 'line', fillOpacity: 5, stacking: { mode: 'none', group: 'A' }, showPoints: 'never' },
          decimals: 1,
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
      title: 'Active errors by type',
      description: 'Active device errors over time, by error type.',
      datasource: g.ds,
      id: 11,
      gridPos: { h: 8, w: 12, x: 12, y: 24 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (error) (vigil_device_error_active{tenant=~"$tenant",customer=~"$customer",device=~"$device"})',
          legendFormat: '{{error}}',
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
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
    {
      type: 'table',
      title: 'Device inventory',
      description: 'Every device with its product and version.',
      datasource: g.ds,
      id: 12,
      gridPos: { h: 8, w: 24, x: 0, y: 32 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_device_info{tenant=~"$tenant",customer=~"$customer",device=~"$device"}',
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
            indexByName: { tenant: 0, customer: 1, device: 2, product: 3, version: 4 },
            renameByName: {
              tenant: 'Tenant',
              customer: 'Customer',
              device: 'Device',
              product: 'Product',
              version: 'Version',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Device', 'Product', 'Version'] } },
        },
      ],
    },
  ],
)
