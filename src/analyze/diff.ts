// Two snapshots compared by OCID, field by field. Pure: indexes in, change rows out, in the order
// the output contract gives (kind, then added/removed/changed, then id by code unit, then field).
import { compartmentPath, DIFF_KINDS, field, kindOf, type DiffKind, type Entry, type SnapshotIndex } from './snapshot-index.js';

export type ChangeKind = DiffKind['kind'];
export type Change = 'added' | 'removed' | 'changed';

export interface ChangeRow {
  kind: ChangeKind;
  change: Change;
  id: string;
  name: string;
  path: string;
  field: string;
  old_value: string;
  new_value: string;
}

export const CHANGE_COLUMNS = ['kind', 'change', 'id', 'name', 'path', 'field', 'old_value', 'new_value'] as const;

/** What is left out because one side could not read it. */
export interface LeftOut {
  /** Compartments whose tag defaults failed on either side: their defaults are not compared. */
  compartments: string[];
  /** Namespaces whose definitions failed on either side: their definitions are not compared. */
  namespaces: string[];
}

export interface DiffResult {
  rows: ChangeRow[];
  leftOut: LeftOut;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Scope ids that failed in `phase` on either side, sorted. */
function failedOnEither(a: SnapshotIndex, b: SnapshotIndex, phase: string): Set<string> {
  const ids = new Set<string>();
  for (const s of [a, b]) for (const f of s.failures) if (f.phase === phase && f.scopeId) ids.add(f.scopeId);
  return ids;
}

/** How one side names and places its rows. */
class Side {
  readonly #index: SnapshotIndex;
  constructor(index: SnapshotIndex) {
    this.#index = index;
  }

  entries(kind: DiffKind): Map<string, Entry> {
    return this.#index.kinds.get(kind.key)!;
  }

  #namespaceName(namespaceId: string, definitionId: string): string {
    const ns = this.entries(kindOf('tag_namespace')).get(namespaceId);
    if (ns) return field(kindOf('tag_namespace'), ns, 'name');
    const def = this.entries(kindOf('tag_definition')).get(definitionId);
    return def ? field(kindOf('tag_definition'), def, 'tag_namespace_name') : namespaceId;
  }

  compartmentPath(id: string): string {
    return compartmentPath(this.#index, id);
  }

  /** `name` and `path` as changes.csv gives them. */
  label(kind: DiffKind, entry: Entry): { name: string; path: string } {
    const f = (n: string) => field(kind, entry, n);
    switch (kind.kind) {
      case 'compartment':
        return { name: f('name'), path: f('path') };
      case 'tag_namespace':
        return { name: f('name'), path: '' };
      case 'tag_definition':
        return { name: `${f('tag_namespace_name') || this.#namespaceName(f('tag_namespace_id'), '')}.${f('name')}`, path: '' };
      case 'tag_default':
        return { name: `${this.#namespaceName(f('tag_namespace_id'), f('tag_definition_id'))}.${f('tag_definition_name')}`, path: this.compartmentPath(f('compartment_id')) };
    }
  }
}

export function diffSnapshots(oldIndex: SnapshotIndex, newIndex: SnapshotIndex): DiffResult {
  const failedCompartments = failedOnEither(oldIndex, newIndex, 'tag_defaults');
  const failedNamespaces = failedOnEither(oldIndex, newIndex, 'tag_definitions');
  const older = new Side(oldIndex);
  const newer = new Side(newIndex);
  const rows: ChangeRow[] = [];
  for (const kind of DIFF_KINDS) {
    const skip = (entry: Entry) =>
      (kind.kind === 'tag_default' && failedCompartments.has(field(kind, entry, 'compartment_id'))) ||
      (kind.kind === 'tag_definition' && failedNamespaces.has(field(kind, entry, 'tag_namespace_id')));
    const before = older.entries(kind);
    const after = newer.entries(kind);
    const added: string[] = [];
    const removed: string[] = [];
    const changed: string[] = [];
    for (const [id, entry] of after) {
      if (skip(entry)) continue;
      const was = before.get(id);
      if (!was) added.push(id);
      else if (kind.fields.some((_, i) => was[i] !== entry[i])) changed.push(id);
    }
    for (const [id, entry] of before) if (!after.has(id) && !skip(entry)) removed.push(id);
    for (const id of added.sort(byCodeUnit)) rows.push({ kind: kind.kind, change: 'added', id, ...newer.label(kind, after.get(id)!), field: '', old_value: '', new_value: '' });
    for (const id of removed.sort(byCodeUnit)) rows.push({ kind: kind.kind, change: 'removed', id, ...older.label(kind, before.get(id)!), field: '', old_value: '', new_value: '' });
    for (const id of changed.sort(byCodeUnit)) {
      const was = before.get(id)!;
      const now = after.get(id)!;
      const label = newer.label(kind, now);
      kind.fields.forEach((name, i) => {
        if (was[i] !== now[i]) rows.push({ kind: kind.kind, change: 'changed', id, ...label, field: name, old_value: was[i]!, new_value: now[i]! });
      });
    }
  }
  return { rows, leftOut: { compartments: [...failedCompartments].sort(byCodeUnit), namespaces: [...failedNamespaces].sort(byCodeUnit) } };
}

/** Distinct ids per kind and change: what growth.csv and the summaries count. */
export function countChanges(rows: readonly ChangeRow[]): Record<ChangeKind, Record<Change, number>> {
  const seen = new Set<string>();
  const out = Object.fromEntries(DIFF_KINDS.map((k) => [k.kind, { added: 0, removed: 0, changed: 0 }])) as Record<ChangeKind, Record<Change, number>>;
  for (const r of rows) {
    const key = `${r.kind}\u0000${r.change}\u0000${r.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[r.kind][r.change]++;
  }
  return out;
}
