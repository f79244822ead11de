// The collected rows as the snapshot and the kinds' fragments hold them: snake_case keys, typed values.
// Analysis reads these (not the API objects), so it works the same on a run's files as during the run.

export interface CompartmentRecord {
  id: string;
  name: string;
  /** The parent; null for the root. */
  compartment_id: string | null;
  path: string;
}

export interface NamespaceRecord {
  id: string;
  name: string;
  is_retired: boolean;
}

export interface DefinitionRecord {
  id: string;
  name: string;
  tag_namespace_id: string;
  tag_namespace_name: string;
  is_retired: boolean;
}

export interface DefaultRecord {
  id: string;
  compartment_id: string;
  tag_namespace_id: string;
  tag_definition_id: string;
  tag_definition_name: string;
  value: string;
  is_required: boolean;
  lifecycle_state: string | null;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const flag = (v: unknown): boolean => v === true || v === 'true';

/** From a fragment or snapshot row (or a CSV row, whose cells are all text). */
export function compartmentRecord(r: Record<string, unknown>): CompartmentRecord {
  return { id: text(r['id']), name: text(r['name']), compartment_id: r['compartment_id'] ? text(r['compartment_id']) : null, path: text(r['path']) };
}

export function namespaceRecord(r: Record<string, unknown>): NamespaceRecord {
  return { id: text(r['id']), name: text(r['name']), is_retired: flag(r['is_retired']) };
}

export function definitionRecord(r: Record<string, unknown>): DefinitionRecord {
  return { id: text(r['id']), name: text(r['name']), tag_namespace_id: text(r['tag_namespace_id']), tag_namespace_name: text(r['tag_namespace_name']), is_retired: flag(r['is_retired']) };
}

export function defaultRecord(r: Record<string, unknown>): DefaultRecord {
  return {
    id: text(r['id']),
    compartment_id: text(r['compartment_id']),
    tag_namespace_id: text(r['tag_namespace_id']),
    tag_definition_id: text(r['tag_definition_id']),
    tag_definition_name: text(r['tag_definition_name']),
    value: text(r['value']),
    is_required: flag(r['is_required']),
    lifecycle_state: r['lifecycle_state'] == null || r['lifecycle_state'] === '' ? null : text(r['lifecycle_state']),
  };
}

/** Plain code-unit order (not locale): the same on every machine. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
