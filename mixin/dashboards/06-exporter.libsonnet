// Grafana dashboard vigil-exporter ("Vigil / Exporter"); panels laid out on Grafana's 24-column grid.
local g = import '../lib/grafana.libsonnet';

function(c) g.dashboard(
  c,
  uid='vigil-exporter',
  title='Vigil / Exporter',
  description='The exporter itself: push API, scrapes, JVM, series per tenant.',
  from='now-6h',
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
      title: 'Exporter',
      collapsed: false,
      id: 1,
      gridPos: { h: 1, w: 24, x: 0, y: 0 },
      panels: [],
    },
    {
      type: 'stat',
      title: 'Targets up',
      description: 'Share of the Vigil scrape targets Prometheus reaches; red as soon as one is down.',
      datasource: g.ds,
      id: 2,
      gridPos: { h: 4, w: 4, x: 0, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'avg(up{' + c.vigilSelector + '})',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'green', value: 1 }] },
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
      title: 'Build',
      description: 'Version of each scraped exporter (vigil_build_info).',
      datasource: g.ds,
      id: 3,
      gridPos: { h: 4, w: 8, x: 4, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_build_info',
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
            indexByName: { instance: 0, version: 1 },
            renameByName: { instance: 'Instance', version: 'Version' },
          },
        },
        { id: 'filterFieldsByName', options: { include: { names: ['Instance', 'Version'] } } },
      ],
    },
    {
      type: 'stat',
      title: 'Scrape duration',
      description: 'How long Prometheus takes to scrape each exporter.',
      datasource: g.ds,
      id: 4,
      gridPos: { h: 4, w: 4, x: 12, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max(scrape_duration_seconds{' + c.vigilSelector + '})',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 's',
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 5 }] },
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
      title: 'Samples per scrape',
      description: 'Samples each scrape returns: grows with jobs, devices and chains.',
      datasource: g.ds,
      id: 5,
      gridPos: { h: 4, w: 4, x: 16, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(scrape_samples_scraped{' + c.vigilSelector + '}) or vector(0)',
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
      title: 'Tenants',
      description: 'Configured tenants.',
      datasource: g.ds,
      id: 6,
      gridPos: { h: 4, w: 4, x: 20, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'count(vigil_tenant_info{tenant=~"$tenant"}) or vector(0)',
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
      type: 'row',
      title: 'Push API',
      collapsed: false,
      id: 7,
      gridPos: { h: 1, w: 24, x: 0, y: 5 },
      panels: [],
    },
    {
      type: 'timeseries',
      title: 'Push requests by result',
      description: 'Push API requests per second by result (accepted, rejected, unauthorized, rate_limited, timeout, unavailable).',
      datasource: g.ds,
      id: 8,
      gridPos: { h: 8, w: 12, x: 0, y: 6 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (result) (rate(vigil_push_requests_total[$__rate_interval]))',
          legendFormat: '{{result}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 'reqps',
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
      type: 'timeseries',
      title: 'Push requests by kind',
      description: 'Push API requests per second by kind (job_report, heartbeat, event, batch, retire).',
      datasource: g.ds,
      id: 9,
      gridPos: { h: 8, w: 12, x: 12, y: 6 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (kind) (rate(vigil_push_requests_total[$__rate_interval]))',
          legendFormat: '{{kind}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 'reqps',
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
      type: 'row',
      title: 'Scrapes',
      collapsed: false,
      id: 10,
      gridPos: { h: 1, w: 24, x: 0, y: 14 },
      panels: [],
    },
    {
      type: 'timeseries',
      title: 'Scrape duration',
      description: 'How long Prometheus takes to scrape each exporter.',
      datasource: g.ds,
      id: 11,
      gridPos: { h: 8, w: 12, x: 0, y: 15 },
      targets: [
        {
          datasource: g.ds,
          expr: 'scrape_duration_seconds{' + c.vigilSelector + '}',
          legendFormat: '{{instance}}',
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
      title: 'Samples per scrape',
      description: 'Samples each scrape returns: grows with jobs, devices and chains.',
      datasource: g.ds,
      id: 12,
      gridPos: { h: 8, w: 12, x: 12, y: 15 },
      targets: [
        {
          datasource: g.ds,
          expr: 'scrape_samples_scraped{' + c.vigilSelector + '}',
          legendFormat: '{{instance}}',
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
      type: 'row',
      title: 'Series per tenant and customer',
      collapsed: false,
      id: 13,
      gridPos: { h: 1, w: 24, x: 0, y: 23 },
      panels: [],
    },
    {
      type: 'table',
      title: 'Series per tenant',
      description: 'Vigil series per tenant: what each tenant costs in Prometheus.',
      datasource: g.ds,
      id: 14,
      gridPos: { h: 8, w: 8, x: 0, y: 24 },
      targets: [
        {
          datasource: g.ds,
          expr: 'count by (tenant) ({__name__=~"vigil_.+",tenant=~"$tenant"})',
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
            indexByName: { tenant: 0, Value: 1 },
            renameByName: { tenant: 'Tenant', Value: 'Series' },
          },
        },
        { id: 'filterFieldsByName', options: { include: { names: ['Tenant', 'Series'] } } },
      ],
    },
    {
      type: 'table',
      title: 'Series per customer',
      description: 'Vigil series per customer.',
      datasource: g.ds,
      id: 15,
      gridPos: { h: 8, w: 8, x: 8, y: 24 },
      targets: [
        {
          datasource: g.ds,
          expr: 'count by (tenant, customer) ({__name__=~"vigil_.+",tenant=~"$tenant",customer=~"$customer"})',
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
        ],
      },
      options: { showHeader: true, cellHeight: 'sm', footer: { show: false } },
      transformations: [
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { tenant: 0, customer: 1, Value: 2 },
            renameByName: { tenant: 'Tenant', customer: 'Customer', Value: 'Series' },
          },
        },
        { id: 'filterFieldsByName', options: { include: { names: ['Tenant', 'Customer', 'Series'] } } },
      ],
    },
    {
      type: 'table',
      title: 'Series per device',
      description: 'Vigil series per device.',
      datasource: g.ds,
      id: 16,
      gridPos: { h: 8, w: 8, x: 16, y: 24 },
      targets: [
        {
          datasource: g.ds,
          expr: 'count by (tenant, customer, device) ({__name__=~"vigil_.+",tenant=~"$tenant",customer=~"$customer",device=~"$device"})',
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
            indexByName: { tenant: 0, customer: 1, device: 2, Value: 3 },
            renameByName: { tenant: 'Tenant', customer: 'Customer', device: 'Device', Value: 'Series' },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Customer', 'Device', 'Series'] } },
        },
      ],
    },
    {
      type: 'row',
      title: 'JVM',
      collapsed: false,
      id: 17,
      gridPos: { h: 1, w: 24, x: 0, y: 32 },
      panels: [],
    },
    {
      type: 'timeseries',
      title: 'JVM memory used',
      description: "Heap and non-heap memory the exporter's JVM uses.",
      datasource: g.ds,
      id: 18,
      gridPos: { h: 8, w: 12, x: 0, y: 33 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (area) (jvm_memory_used_bytes{' + c.vigilSelector + '})',
          legendFormat: '{{area}}',
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
      title: 'JVM threads',
      description: "Threads of the exporter's JVM.",
      datasource: g.ds,
      id: 19,
      gridPos: { h: 8, w: 12, x: 12, y: 33 },
      targets: [
        {
          datasource: g.ds,
          expr: 'jvm_threads_current{' + c.vigilSelector + '}',
          legendFormat: '{{instance}}',
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
      title: 'GC time',
      description: 'Share of time spent in garbage collection.',
      datasource: g.ds,
      id: 20,
      gridPos: { h: 8, w: 12, x: 0, y: 41 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (gc) (rate(jvm_gc_collection_seconds_sum{' + c.vigilSelector + '}[$__rate_interval]))',
          legendFormat: '{{gc}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
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
      title: 'Process CPU',
      description: 'CPU the exporter process uses (1 = one core).',
      datasource: g.ds,
      id: 21,
      gridPos: { h: 8, w: 12, x: 12, y: 41 },
      targets: [
        {
          datasource: g.ds,
          expr: 'rate(process_cpu_seconds_total{' + c.vigilSelector + '}[$__rate_interval])',
          legendFormat: '{{instance}}',
          range: true,
          instant: false,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
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
