// Grafana dashboard vigil-chains ("Vigil / Image chains"); panels laid out on Grafana's 24-column grid.
local g = import '../lib/grafana.libsonnet';

function(c) g.dashboard(
  c,
  uid='vigil-chains',
  title='Vigil / Image chains',
  description='Image chains from the connectors: depth, usage / retention / quota, newest image age, broken chains, integrity (unverified images, failed verification), unmanaged folders, unparseable files. The folder variable is the managed folder (one per protected machine).',
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
      name: 'folder',
      label: 'Machine (managed folder)',
      type: 'query',
      datasource: g.ds,
      definition: 'label_values(vigil_chain_depth{tenant=~"$tenant",customer=~"$customer"}, folder)',
      query: {
        qryType: 1,
        query: 'label_values(vigil_chain_depth{tenant=~"$tenant",customer=~"$customer"}, folder)',
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
      name: 'connector',
      label: 'Connector',
      type: 'query',
      datasource: g.ds,
      definition: 'label_values(vigil_connector_up{tenant=~"$tenant"}, connector)',
      query: {
        qryType: 1,
        query: 'label_values(vigil_connector_up{tenant=~"$tenant"}, connector)',
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
      title: 'Summary',
      collapsed: false,
      id: 1,
      gridPos: { h: 1, w: 24, x: 0, y: 0 },
      panels: [],
    },
    {
      type: 'stat',
      title: 'Chains',
      description: 'Image chains (one per folder and volume) of the selection.',
      datasource: g.ds,
      id: 2,
      gridPos: { h: 4, w: 4, x: 0, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'count(vigil_chain_depth{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}) or vector(0)',
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
      title: 'Broken chains',
      description: 'Chains with an image whose parent is missing: they cannot be restored past that point.',
      datasource: g.ds,
      id: 3,
      gridPos: { h: 4, w: 4, x: 4, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil_chain_broken{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}) or vector(0)',
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
      title: 'Images overdue',
      description: 'Volumes whose newest image is older than their grace (monitoring priority).',
      datasource: g.ds,
      id: 4,
      gridPos: { h: 4, w: 4, x: 8, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil:chain_newest_image_age_seconds{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"} > bool vigil_chain_grace_seconds{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}) or vector(0)',
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
      title: 'Unmanaged folders',
      description: 'Folders that match the folder template but are not managed by ImageManager, so not monitored.',
      datasource: g.ds,
      id: 5,
      gridPos: { h: 4, w: 4, x: 12, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil_folder_unmanaged{tenant=~"$tenant",customer=~"$customer",connector=~"$connector"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 1 }] },
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
      description: "Connectors whose last poll failed; their chains show the last good poll's data.",
      datasource: g.ds,
      id: 6,
      gridPos: { h: 4, w: 4, x: 16, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(1 - vigil_connector_up{tenant=~"$tenant",connector=~"$connector"}) or vector(0)',
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
      title: 'Deepest chain',
      description: 'Most images from base to newest in one chain; over 250 consolidation is probably not running.',
      datasource: g.ds,
      id: 7,
      gridPos: { h: 4, w: 4, x: 20, y: 1 },
      targets: [
        {
          datasource: g.ds,
          expr: 'max(vigil_chain_depth{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"})',
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
            steps: [{ color: 'green', value: null }, { color: 'orange', value: 200 }, { color: 'red', value: 250 }],
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
      title: 'Unverified images',
      description: 'Image files without their .md5 file; ImageManager treats them as corrupt.',
      datasource: g.ds,
      id: 8,
      gridPos: { h: 4, w: 4, x: 0, y: 5 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil_chain_unverified_images{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 1 }] },
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
      title: 'Verification failed',
      description: "Chains with a bad.log: ImageManager's verification found a corrupt image.",
      datasource: g.ds,
      id: 9,
      gridPos: { h: 4, w: 4, x: 4, y: 5 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil_chain_verification_failed{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}) or vector(0)',
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
      title: 'Unparseable files',
      description: 'Files in the repositories that are neither images nor their companion files, so not monitored.',
      datasource: g.ds,
      id: 10,
      gridPos: { h: 4, w: 4, x: 8, y: 5 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum(vigil_connector_unparseable_files{tenant=~"$tenant",connector=~"$connector"}) or vector(0)',
          legendFormat: '',
          range: false,
          instant: true,
          refId: 'A',
        },
      ],
      fieldConfig: {
        defaults: {
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'blue', value: 1 }] },
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
      title: 'Chains',
      description: 'Image chains (one per folder and volume) of the selection.',
      datasource: g.ds,
      id: 11,
      gridPos: { h: 10, w: 24, x: 0, y: 9 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_chain_depth{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'vigil:chain_newest_image_age_seconds{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'B',
        },
        {
          datasource: g.ds,
          expr: 'vigil_chain_grace_seconds{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'C',
        },
        {
          datasource: g.ds,
          expr: 'vigil_chain_usage_bytes{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'D',
        },
        {
          datasource: g.ds,
          expr: 'vigil_chain_retention_bytes{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'E',
        },
        {
          datasource: g.ds,
          expr: 'vigil_chain_broken{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'F',
        },
        {
          datasource: g.ds,
          expr: 'vigil_chain_unverified_images{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'G',
        },
        {
          datasource: g.ds,
          expr: 'vigil_chain_verification_failed{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'H',
        },
      ],
      fieldConfig: {
        defaults: {},
        overrides: [
          {
            matcher: { id: 'byRegexp', options: 'Newest image age|Grace' },
            properties: [{ id: 'unit', value: 's' }],
          },
          {
            matcher: { id: 'byRegexp', options: 'Usage|Retention' },
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
              connector: 1,
              folder: 2,
              volume: 3,
              'Value #A': 4,
              'Value #B': 5,
              'Value #C': 6,
              'Value #D': 7,
              'Value #E': 8,
              'Value #F': 9,
              'Value #G': 10,
              'Value #H': 11,
            },
            renameByName: {
              customer: 'Customer',
              connector: 'Connector',
              folder: 'Folder',
              volume: 'Volume',
              'Value #A': 'Depth',
              'Value #B': 'Newest image age',
              'Value #C': 'Grace',
              'Value #D': 'Usage',
              'Value #E': 'Retention',
              'Value #F': 'Broken',
              'Value #G': 'Unverified images',
              'Value #H': 'Verification failed',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: {
            include: {
              names: [
                'Customer',
                'Connector',
                'Folder',
                'Volume',
                'Depth',
                'Newest image age',
                'Grace',
                'Usage',
                'Retention',
                'Broken',
                'Unverified images',
                'Verification failed',
              ],
            },
          },
        },
      ],
    },
    {
      type: 'row',
      title: 'Storage',
      collapsed: false,
      id: 12,
      gridPos: { h: 1, w: 24, x: 0, y: 19 },
      panels: [],
    },
    {
      type: 'timeseries',
      title: 'Usage, retention and quota per customer',
      description: "Bytes in each customer's chains (usage and retention) and its configured quota (customers with quota_bytes only).",
      datasource: g.ds,
      id: 13,
      gridPos: { h: 8, w: 12, x: 0, y: 20 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (customer) (vigil_chain_usage_bytes{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"})',
          legendFormat: 'usage {{customer}}',
          range: true,
          instant: false,
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'sum by (customer) (vigil_chain_retention_bytes{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"})',
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
      type: 'bargauge',
      title: 'Quota used per customer',
      description: "Bytes in the customer's chains / its configured quota_bytes; customers without a quota are not listed (free space is not a quota).",
      datasource: g.ds,
      id: 14,
      gridPos: { h: 8, w: 12, x: 12, y: 20 },
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
      title: 'Repository free space and 3-day forecast',
      description: 'Free and total bytes of the file store holding each repository, and the free space in 3 days at the rate of the last 6 hours.',
      datasource: g.ds,
      id: 15,
      gridPos: { h: 8, w: 12, x: 0, y: 28 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_repository_free_bytes{tenant=~"$tenant",connector=~"$connector"}',
          legendFormat: 'free {{connector}}',
          range: true,
          instant: false,
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'predict_linear(vigil_repository_free_bytes{tenant=~"$tenant",connector=~"$connector"}[6h], 3 * 86400)',
          legendFormat: 'in 3 days {{connector}}',
          range: true,
          instant: false,
          refId: 'B',
        },
        {
          datasource: g.ds,
          expr: 'vigil_repository_size_bytes{tenant=~"$tenant",connector=~"$connector"}',
          legendFormat: 'size {{connector}}',
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
      type: 'bargauge',
      title: 'Repository free',
      description: 'Free / total bytes of the file store holding each repository; under 10 % pages.',
      datasource: g.ds,
      id: 16,
      gridPos: { h: 8, w: 12, x: 12, y: 28 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil:repository_free:ratio{tenant=~"$tenant",connector=~"$connector"}',
          legendFormat: '{{connector}}',
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
            steps: [{ color: 'red', value: null }, { color: 'orange', value: 0.1 }, { color: 'green', value: 0.2 }],
          },
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
      type: 'row',
      title: 'Chains over time',
      collapsed: false,
      id: 17,
      gridPos: { h: 1, w: 24, x: 0, y: 36 },
      panels: [],
    },
    {
      type: 'timeseries',
      title: 'Depth',
      description: 'Images from base to newest of each chain over time.',
      datasource: g.ds,
      id: 18,
      gridPos: { h: 8, w: 12, x: 0, y: 37 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_chain_depth{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '{{folder}} {{volume}}',
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
      title: 'Images by kind',
      description: 'Images by kind (base, incremental, consolidated) over time.',
      datasource: g.ds,
      id: 19,
      gridPos: { h: 8, w: 12, x: 12, y: 37 },
      targets: [
        {
          datasource: g.ds,
          expr: 'sum by (kind) (vigil_chain_images{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"})',
          legendFormat: '{{kind}}',
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
      type: 'timeseries',
      title: 'Newest image age',
      description: 'Age of the newest image of each chain over time.',
      datasource: g.ds,
      id: 20,
      gridPos: { h: 8, w: 12, x: 0, y: 45 },
      targets: [
        {
          datasource: g.ds,
          expr: 'time() - vigil_chain_newest_image_timestamp_seconds{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
          legendFormat: '{{folder}} {{volume}}',
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
      type: 'row',
      title: 'Problems',
      collapsed: false,
      id: 21,
      gridPos: { h: 1, w: 24, x: 0, y: 53 },
      panels: [],
    },
    {
      type: 'table',
      title: 'Broken chains',
      description: 'Chains with an image whose parent is missing: they cannot be restored past that point.',
      datasource: g.ds,
      id: 22,
      gridPos: { h: 8, w: 12, x: 0, y: 54 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_chain_broken{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
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
                    url: '/d/vigil-customer?${tenant:queryparam}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
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
            indexByName: { customer: 0, connector: 1, folder: 2, volume: 3 },
            renameByName: { customer: 'Customer', connector: 'Connector', folder: 'Folder', volume: 'Volume' },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Customer', 'Connector', 'Folder', 'Volume'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Unmanaged folders',
      description: 'Folders that match the folder template but are not managed.',
      datasource: g.ds,
      id: 23,
      gridPos: { h: 8, w: 12, x: 12, y: 54 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_folder_unmanaged{tenant=~"$tenant",customer=~"$customer",connector=~"$connector"}',
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
                    url: '/d/vigil-customer?${tenant:queryparam}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
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
            indexByName: { customer: 0, connector: 1, folder: 2 },
            renameByName: { customer: 'Customer', connector: 'Connector', folder: 'Folder' },
          },
        },
        { id: 'filterFieldsByName', options: { include: { names: ['Customer', 'Connector', 'Folder'] } } },
      ],
    },
    {
      type: 'table',
      title: 'Unverified images',
      description: 'Chains with image files that have no .md5 file (ImageManager treats them as corrupt).',
      datasource: g.ds,
      id: 24,
      gridPos: { h: 8, w: 12, x: 0, y: 62 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_chain_unverified_images{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
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
                    url: '/d/vigil-customer?${tenant:queryparam}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
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
            filters: [{ fieldName: 'Value', config: { id: 'greater', options: { value: 0 } } }],
          },
        },
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { customer: 0, connector: 1, folder: 2, volume: 3, Value: 4 },
            renameByName: {
              customer: 'Customer',
              connector: 'Connector',
              folder: 'Folder',
              volume: 'Volume',
              Value: 'Images without .md5',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Customer', 'Connector', 'Folder', 'Volume', 'Images without .md5'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Verification failed',
      description: "Chains with a bad.log: ImageManager's verification found a corrupt image.",
      datasource: g.ds,
      id: 25,
      gridPos: { h: 8, w: 12, x: 12, y: 62 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_chain_verification_failed{tenant=~"$tenant",customer=~"$customer",connector=~"$connector",folder=~"$folder"}',
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
                    url: '/d/vigil-customer?${tenant:queryparam}&var-customer=${__data.fields["Customer"]}&${__url_time_range}',
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
            indexByName: { customer: 0, connector: 1, folder: 2, volume: 3 },
            renameByName: { customer: 'Customer', connector: 'Connector', folder: 'Folder', volume: 'Volume' },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Customer', 'Connector', 'Folder', 'Volume'] } },
        },
      ],
    },
    {
      type: 'table',
      title: 'Unparseable files',
      description: 'Files that are neither images nor their companion files, per place: CUSTOMER/FOLDER, a customer, or empty for the repository root; beyond 500 places per connector the rest are in (other).',
      datasource: g.ds,
      id: 26,
      gridPos: { h: 8, w: 12, x: 0, y: 70 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_connector_unparseable_files{tenant=~"$tenant",connector=~"$connector"} or on (tenant, connector) 0 * vigil_connector_up{tenant=~"$tenant",connector=~"$connector"}',
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
            filters: [{ fieldName: 'Value', config: { id: 'greater', options: { value: 0 } } }],
          },
        },
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { tenant: 0, connector: 1, folder: 2, Value: 3 },
            renameByName: { tenant: 'Tenant', connector: 'Connector', folder: 'Place', Value: 'Files' },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Connector', 'Place', 'Files'] } },
        },
      ],
    },
    {
      type: 'row',
      title: 'Connectors',
      collapsed: false,
      id: 27,
      gridPos: { h: 1, w: 24, x: 0, y: 78 },
      panels: [],
    },
    {
      type: 'table',
      title: 'Connector polls',
      description: 'Each connector: state of the last poll, time since it and its duration.',
      datasource: g.ds,
      id: 28,
      gridPos: { h: 8, w: 12, x: 0, y: 79 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_connector_up{tenant=~"$tenant",connector=~"$connector"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'A',
        },
        {
          datasource: g.ds,
          expr: 'time() - vigil_connector_last_poll_timestamp_seconds{tenant=~"$tenant",connector=~"$connector"}',
          legendFormat: '',
          range: false,
          instant: true,
          format: 'table',
          refId: 'B',
        },
        {
          datasource: g.ds,
          expr: 'vigil_connector_poll_duration_seconds{tenant=~"$tenant",connector=~"$connector"}',
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
            matcher: { id: 'byRegexp', options: 'Since last poll|Poll duration' },
            properties: [{ id: 'unit', value: 's' }],
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
        { id: 'merge', options: {} },
        {
          id: 'organize',
          options: {
            excludeByName: { Time: true, __name__: true, job: true, instance: true },
            indexByName: { tenant: 0, connector: 1, 'Value #A': 2, 'Value #B': 3, 'Value #C': 4 },
            renameByName: {
              tenant: 'Tenant',
              connector: 'Connector',
              'Value #A': 'State',
              'Value #B': 'Since last poll',
              'Value #C': 'Poll duration',
            },
          },
        },
        {
          id: 'filterFieldsByName',
          options: { include: { names: ['Tenant', 'Connector', 'State', 'Since last poll', 'Poll duration'] } },
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Poll duration',
      description: 'How long each connector poll took.',
      datasource: g.ds,
      id: 29,
      gridPos: { h: 8, w: 12, x: 12, y: 79 },
      targets: [
        {
          datasource: g.ds,
          expr: 'vigil_connector_poll_duration_seconds{tenant=~"$tenant",connector=~"$connector"}',
          legendFormat: '{{connector}}',
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
  ],
)
