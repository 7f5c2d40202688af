// What every Vigil dashboard shares: the Prometheus data source variable, the built-in annotations, the link menu
// to the other Vigil dashboards (by tag) and the common settings. Each dashboard gives its variables and panels.
{
  // Every panel and query variable reads the data source picked in the dashboard's first variable.
  ds:: { type: 'prometheus', uid: '${datasource}' },

  dashboard(c, uid, title, description, from, variables, panels)::
    local undescribed = [p.title for p in panels if p.type != 'row' && std.get(p, 'description', '') == ''];
    assert undescribed == [] : '%s: panels without a description: %s' % [uid, std.join(', ', undescribed)];
    {
      uid: uid,
      title: title,
      description: description,
      tags: c.dashboardTags,
      timezone: 'browser',
      editable: true,
      graphTooltip: 1,
      schemaVersion: 39,
      version: 1,
      refresh: '1m',
      time: { from: from, to: 'now' },
      annotations: {
        list: [{
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        }],
      },
      links: [{ type: 'dashboards', tags: c.dashboardTags, asDropdown: true, title: 'Vigil dashboards', includeVars: true, keepTime: true }],
      templating: {
        list: [{
          name: 'datasource',
          label: 'Data source',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
          refresh: 1,
          regex: '',
          includeAll: false,
          multi: false,
          options: [],
        }] + variables,
      },
      panels: panels,
    },
}
