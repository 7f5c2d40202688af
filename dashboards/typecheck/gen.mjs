// Turns each Grafana dashboard (JSON) into a TypeScript module whose literals are typed with @grafana/schema:
// the dashboard as Dashboard, every panel as Panel with the Options and FieldConfig of its panel type, every
// query as a Prometheus query. tsc then refuses unknown keys (misspelt options, unknown target fields) and
// values outside an enum. Usage: node gen.mjs OUT_DIR DASHBOARD.json...
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';

// panel type -> module of its generated options (node_modules/@grafana/schema/dist/esm/raw/composable/...)
// and whether it declares custom field options (stat and bargauge have none)
const PANELS = {
  timeseries: ['timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen', true],
  stat: ['stat/panelcfg/x/StatPanelCfg_types.gen', false],
  table: ['table/panelcfg/x/TablePanelCfg_types.gen', true],
  'state-timeline': ['statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen', true],
  bargauge: ['bargauge/panelcfg/x/BarGaugePanelCfg_types.gen', false],
};
const alias = (type) => type.replace(/[^a-zA-Z]/g, '_');

const [out, ...files] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const imports = Object.entries(PANELS)
  .map(([type, [mod]]) => `import type * as ${alias(type)} from '@grafana/schema/dist/esm/raw/composable/${mod}';`)
  .join('\n');
for (const file of files) {
  const dash = JSON.parse(readFileSync(file, 'utf8'));
  const lines = [`// generated from ${basename(file)} by gen.mjs`,
    "import type { TypedDashboard, TypedPanel, TypedRow } from './vigil-types';", imports, ''];
  const names = [];
  for (const [i, panel] of dash.panels.entries()) {
    const name = `panel${i + 1}`;
    names.push(name);
    if (panel.type === 'row') {
      lines.push(`const ${name}: TypedRow = ${JSON.stringify(panel, null, 2)};`);
    } else if (PANELS[panel.type]) {
      const a = alias(panel.type);
      const custom = PANELS[panel.type][1] ? `${a}.FieldConfig` : 'Record<string, never>';
      lines.push(`const ${name}: TypedPanel<'${panel.type}', ${a}.Options, ${custom}> = ${JSON.stringify(panel, null, 2)};`);
    } else {
      throw new Error(`${file}: panel "${panel.title}" has type ${panel.type}, for which gen.mjs knows no options type`);
    }
  }
  const { panels, ...rest } = dash;
  lines.push(`export const dashboard: TypedDashboard = ${JSON.stringify(rest, null, 2)};`);
  lines.push(`export const panels = [${names.join(', ')}];`);
  writeFileSync(`${out}/${basename(file, '.json').replace(/[^a-zA-Z0-9]/g, '_')}.ts`, lines.join('\n') + '\n');
}
