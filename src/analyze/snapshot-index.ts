// A snapshot reduced to what comparing runs needs: per kind, id → the compared fields and the few
// that name and place a row, as strings in one small array. A 50,000-compartment tenancy stays a few
// MB per side instead of every row as a full object.
import { readSnapshot, snapshotPath, type Row, type SnapshotMeta } from './read-snapshot.js';

export interface DiffKind {
  /** The `kind` column of changes.csv. */
  kind: 'compartment' | 'tag_namespace' | 'tag_definition' | 'tag_default';
  /** The snapshot's array. */
  key: string;
  /** Compared, in changes.csv's field order. */
  fields: readonly string[];
  /** Kept to name and place a row; never compared. */
  context: readonly string[];
}

export const DIFF_KINDS: readonly DiffKind[] = [
  { kind: 'compartment', key: 'compartments', fields: ['name', 'description', 'compartment_id'], context: ['path'] },
  { kind: 'tag_namespace', key: 'tag_namespaces', fields: ['name', 'description', 'is_retired'], context: [] },
  { kind: 'tag_definition', key: 'tag_definitions', fields: ['name', 'description', 'is_cost_tracking', 'is_retired'], context: ['tag_namespace_id', 'tag_namespace_name'] },
  { kind: 'tag_default', key: 'tag_defaults', fields: ['value', 'is_required'], context: ['compartment_id', 'tag_namespace_id', 'tag_definition_id', 'tag_definition_name'] },
];

/** A row as the CSV shows it: empty for absent, `true`/`false`. */
export const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export type Entry = readonly string[];

export interface Failure {
  phase: string;
  scopeId: string;
}

export interface SnapshotIndex {
  meta: SnapshotMeta;
  /** By DiffKind.key; each entry holds `fields` then `context`, in declaration order. */
  kinds: Map<string, Map<string, Entry>>;
  failures: Failure[];
  /** Optional kinds a later collector adds (resources …): only their row counts are kept. */
  otherCounts: Map<string, number>;
}

const BY_KEY = new Map(DIFF_KINDS.map((k) => [k.key, k]));

export async function indexSnapshot(file: string): Promise<SnapshotIndex> {
  let kinds = new Map<string, Map<string, Entry>>();
  let failures: Failure[] = [];
  let otherCounts = new Map<string, number>();
  // Context ids repeat across rows (every default names its compartment, namespace and definition):
  // one string each instead of one per row.
  const pool = new Map<string, string>();
  const intern = (s: string) => pool.get(s) ?? (pool.set(s, s), s);
  const meta = await readSnapshot(file, () => {
    pool.clear();
    kinds = new Map(DIFF_KINDS.map((k) => [k.key, new Map()]));
    failures = [];
    otherCounts = new Map();
    return (key: string, row: Row) => {
      const kind = BY_KEY.get(key);
      if (kind) {
        const id = cell(row['id']);
        if (!id) return;
        const entry: string[] = [];
        for (const f of kind.fields) entry.push(cell(row[f]));
        for (const f of kind.context) entry.push(f === 'path' ? cell(row[f]) : intern(cell(row[f])));
        kinds.get(key)!.set(id, entry);
      } else if (key === 'failures') {
        failures.push({ phase: cell(row['phase']), scopeId: cell(row['scope_id']) });
      } else {
        otherCounts.set(key, (otherCounts.get(key) ?? 0) + 1);
      }
    };
  });
  return { meta, kinds, failures, otherCounts };
}

/** Reads one named field of an entry. */
export function field(kind: DiffKind, entry: Entry, name: string): string {
  const i = kind.fields.indexOf(name);
  return entry[i >= 0 ? i : kind.fields.length + kind.context.indexOf(name)] ?? '';
}

export const kindOf = (key: DiffKind['kind']): DiffKind => DIFF_KINDS.find((k) => k.kind === key)!;

/** A run directory or its snapshot file, indexed. */
export async function indexRun(input: string): Promise<SnapshotIndex> {
  return indexSnapshot(await snapshotPath(input));
}

/** Rows per diffed kind. */
export function kindCounts(index: SnapshotIndex): Record<DiffKind['kind'], number> {
  return Object.fromEntries(DIFF_KINDS.map((k) => [k.kind, index.kinds.get(k.key)!.size])) as Record<DiffKind['kind'], number>;
}

/** A compartment's path in this snapshot ('' when it is not there). */
export function compartmentPath(index: SnapshotIndex, id: string): string {
  const kind = kindOf('compartment');
  const entry = index.kinds.get(kind.key)!.get(id);
  return entry ? field(kind, entry, 'path') : '';
}
