// One declaration per resource kind drives the CSV header, the JSON snapshot keys and the docs,
// so the three can never disagree (the Steampipe plugin's pattern: columns as data).

/** How a value is written: CSV cells are text, the JSON snapshot keeps the type. */
export type ColumnType = 'string' | 'boolean' | 'integer' | 'number' | 'timestamp' | 'json';

export interface Column {
  /** Field of the collected record (the OCI API's camelCase name, or one we add). */
  readonly field: string;
  readonly type: ColumnType;
  readonly description: string;
}

export interface ResourceKind {
  /** Key of the kind in the JSON snapshot and in counts. */
  readonly key: string;
  /** File name in the output directory. */
  readonly file: string;
  readonly title: string;
  readonly columns: readonly Column[];
  /** False for kinds too large for the JSON snapshot (resources): CSV only, counted in the metadata. */
  readonly snapshot?: false;
}

/** A collected record: the API object as the SDK returns it, plus fields we derive. */
export type Row = Record<string, unknown>;

/** The single camel→snake transform: `compartmentId` → `compartment_id`, `isCostTracking` → `is_cost_tracking`. */
export function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Per kind, computed once: every row written is projected through them (a million on a big tenancy). */
const names = new WeakMap<ResourceKind, string[]>();

export function columnNames(kind: ResourceKind): string[] {
  let n = names.get(kind);
  if (!n) names.set(kind, (n = kind.columns.map((c) => snake(c.field))));
  return [...n];
}

/** Timestamps arrive as Date (SDK typing) or ISO strings (the JSON on the wire); both normalise to ISO. */
export function cellValue(column: Column, row: Row): string | number | boolean | null {
  const v = row[column.field];
  if (v === undefined || v === null) return null;
  switch (column.type) {
    case 'boolean':
      return v === true || v === 'true';
    case 'integer': {
      const n = Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case 'number': {
      const n = Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case 'timestamp':
      return v instanceof Date ? v.toISOString() : String(v);
    case 'json':
      return sortedJson(v);
    default:
      return String(v);
  }
}

/** JSON text with object keys in code-unit order at every level, so equal values are equal text. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The JSON snapshot's form of a row: snake_case keys, in column order, typed values. */
export function project(kind: ResourceKind, row: Row): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  const keys = names.get(kind) ?? columnNames(kind);
  kind.columns.forEach((c, i) => (out[keys[i]!] = cellValue(c, row)));
  return out;
}

/**
 * Keeps only the fields a kind declares. Rows are slimmed in the worker, before they are copied to the
 * coordinator: the API's freeform/defined tags and locks would otherwise cross threads and sit in
 * memory (50,000 compartments' worth) without ever reaching an output.
 */
export function slim(kind: ResourceKind, row: Row): Row {
  const out: Row = {};
  for (const c of kind.columns) if (row[c.field] !== undefined) out[c.field] = row[c.field];
  return out;
}
