// One growth.csv row per run: its counts, and what changed since the run before it.
import { countChanges, diffSnapshots, type ChangeRow } from './diff.js';
import { field, kindCounts, kindOf, type SnapshotIndex } from './snapshot-index.js';

export const GROWTH_COLUMNS = [
  'finished_at',
  'run_id',
  'complete',
  'compartments',
  'tag_namespaces',
  'tag_definitions',
  'tag_defaults',
  'compartments_with_defaults',
  'compartments_added',
  'compartments_removed',
  'tag_defaults_added',
  'tag_defaults_removed',
  'tag_defaults_changed',
  'resources',
  'resources_untagged',
] as const;

export type GrowthRow = Record<(typeof GROWTH_COLUMNS)[number], string | number | boolean | null>;

const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Resource counts only exist in runs that collected resources (their metadata has `coverage`): null
 * otherwise, never 0 — a run with --no-resources still counts an empty resources.csv.
 */
function resourceCounts(index: SnapshotIndex): { resources: number | null; untagged: number | null } {
  const coverage = index.meta.raw['coverage'] as Record<string, unknown> | undefined;
  if (!coverage || typeof coverage !== 'object') return { resources: null, untagged: null };
  return {
    resources: count(coverage['resources']) ?? count(index.meta.counts['resources']) ?? index.otherCounts.get('resources') ?? null,
    untagged: count(coverage['untagged']),
  };
}

export interface GrowthStep {
  row: GrowthRow;
  /** The changes against the previous run (none for the first). */
  changes: ChangeRow[];
}

export function growthStep(index: SnapshotIndex, previous: SnapshotIndex | undefined): GrowthStep {
  const counts = kindCounts(index);
  const defaults = kindOf('tag_default');
  const withDefaults = new Set<string>();
  for (const entry of index.kinds.get(defaults.key)!.values()) withDefaults.add(field(defaults, entry, 'compartment_id'));
  // Defaults of compartments that failed on either side are left out, as `diff --allow-partial` does.
  const changes = previous ? diffSnapshots(previous, index).rows : [];
  const delta = previous ? countChanges(changes) : undefined;
  const { resources, untagged } = resourceCounts(index);
  return {
    changes,
    row: {
      finished_at: index.meta.finishedAt,
      run_id: index.meta.runId,
      complete: index.meta.complete,
      compartments: counts.compartment,
      tag_namespaces: counts.tag_namespace,
      tag_definitions: counts.tag_definition,
      tag_defaults: counts.tag_default,
      compartments_with_defaults: withDefaults.size,
      compartments_added: delta?.compartment.added ?? null,
      compartments_removed: delta?.compartment.removed ?? null,
      tag_defaults_added: delta?.tag_default.added ?? null,
      tag_defaults_removed: delta?.tag_default.removed ?? null,
      tag_defaults_changed: delta?.tag_default.changed ?? null,
      resources,
      resources_untagged: untagged,
    },
  };
}
