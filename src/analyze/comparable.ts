// Whether two or more snapshots may be compared at all; each refusal is one line the user can act on.
import { UsageError } from '../errors.js';
import type { SnapshotMeta } from './read-snapshot.js';
import type { SnapshotIndex } from './snapshot-index.js';

const who = (m: SnapshotMeta) => (m.tenancyName ? `${m.tenancyName} (${m.tenancyId})` : m.tenancyId);

export function requireOneTenancy(metas: readonly SnapshotMeta[]): void {
  const first = metas[0];
  const other = metas.find((m) => m.tenancyId !== first?.tenancyId);
  if (first && other) throw new UsageError(`${first.file} and ${other.file} are snapshots of different tenancies: ${who(first)} and ${who(other)}`);
}

/** Listing failures make a whole kind unknowable: no flag can turn that into a comparison. */
const WHOLE_KIND_PHASES = new Set(['compartments', 'tag_namespaces']);

/**
 * A partial snapshot presents missing rows as removed ones: refused unless the caller leaves out what
 * failed. An interrupted run records no failure for the scopes it never reached, so nothing says what
 * to leave out: refused even then.
 */
export function requireComparable(side: SnapshotIndex, allowPartial: boolean): void {
  const m = side.meta;
  if (m.complete) return;
  if (m.interrupted) throw new UsageError(`${m.file} is an interrupted run: finish it with collect --resume before comparing it`);
  const whole = side.failures.find((f) => WHOLE_KIND_PHASES.has(f.phase));
  if (whole) throw new UsageError(`${m.file} is partial and its ${whole.phase} listing failed: nothing to compare it on`);
  if (!allowPartial)
    throw new UsageError(`${m.file} is partial (${side.failures.length} failures in its failures.csv): pass --allow-partial to compare it without what failed`);
}
