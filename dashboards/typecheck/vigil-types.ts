// Strict forms of @grafana/schema's panel types for the type check (see gen.mjs).
import type { Dashboard, DataQuery, DataSourceRef, Panel, RowPanel, VariableModel } from '@grafana/schema';
import type * as raw from '@grafana/schema/dist/esm/raw/dashboard/x/dashboard_types.gen';

// A string enum also accepts its values as string literals ("horizontal" for VizOrientation.Horizontal), as in JSON.
export type Json<T> = T extends string ? (string extends T ? string : `${T}`)
  : T extends Array<infer E> ? Array<Json<E>>
  : T extends object ? { [K in keyof T]?: Json<T[K]> }
  : T;

// Grafana's Prometheus query (public/app/plugins/datasource/prometheus/dataquery.cue), the fields a panel target may have.
export interface PromQuery extends DataQuery {
  datasource?: DataSourceRef;
  expr: string;
  instant?: boolean;
  range?: boolean;
  exemplar?: boolean;
  editorMode?: 'code' | 'builder';
  format?: 'time_series' | 'table' | 'heatmap';
  legendFormat?: string;
  intervalFactor?: number;
  interval?: string;
}

// fieldConfig with the panel type's own custom options, without the open Record that the veneer adds.
interface FieldConfigSource<F> {
  defaults: Json<Omit<raw.FieldConfig, 'custom'>> & { custom?: Json<F> };
  overrides: Array<{ matcher: Json<raw.MatcherConfig>; properties: Array<{ id: string; value?: unknown }> }>;
}

export type TypedPanel<T extends string, O, F> = Json<Omit<Panel, 'type' | 'options' | 'fieldConfig' | 'targets' | 'transformations'>> & {
  type: T;
  options: Json<O>;
  fieldConfig: FieldConfigSource<F>;
  targets: PromQuery[];
  transformations?: Array<Json<raw.DataTransformerConfig>>;
};

export type TypedRow = Json<Omit<RowPanel, 'panels'>> & { type: 'row'; panels: [] };

// The dashboard without its panels (each is checked on its own). Grafana's variable editor saves a query variable's
// query as text in `definition`, which the schema does not declare.
export type TypedDashboard = Json<Omit<Dashboard, 'panels' | 'templating'>> & {
  templating: { list: Array<Json<VariableModel> & { definition?: string }> };
};
