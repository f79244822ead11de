// The human side of `oci-growth diff`: counts, then the changes people act on first. Everything
// else is counted and left to changes.csv.
import type { ChangeKind, ChangeRow, DiffResult } from '../analyze/diff.js';
import { countChanges } from '../analyze/diff.js';
import type { SnapshotMeta } from '../analyze/read-snapshot.js';

export interface DiffSummaryInput {
  old: SnapshotMeta;
  new: SnapshotMeta;
  /** Rows per kind on each side. */
  counts: Record<ChangeKind, { old: number; new: number }>;
  result: DiffResult;
  /** A compartment's path on each side ('' when it has none there). */
  oldPath: (id: string) => string;
  newPath: (id: string) => string;
  csvPath: string;
}

const LIMIT = 20;
const LEFT_OUT_SHOWN = 50;
const KIND_TITLES: Record<ChangeKind, string> = { compartment: 'compartments', tag_namespace: 'tag namespaces', tag_definition: 'tag definitions', tag_default: 'tag defaults' };

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

function runLine(label: string, m: SnapshotMeta): string {
  return `  ${label}  ${m.finishedAt}  run ${m.runId}${m.complete ? '' : ' (PARTIAL)'}  ${m.file}`;
}

function table(head: string[], rows: (string | number)[][]): string[] {
  const all = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
}

function section(out: string[], title: string, lines: string[]): void {
  if (!lines.length) return;
  out.push('', `${title} (${lines.length}):`);
  // By path or name, which is how a reader scans them (changes.csv keeps the id order).
  for (const l of [...lines].sort().slice(0, LIMIT)) out.push(`  ${l}`);
  if (lines.length > LIMIT) out.push(`  … and ${lines.length - LIMIT} more (changes.csv)`);
}

const quoted = (v: string) => (v === '' ? '(empty)' : JSON.stringify(v));

export function renderDiffSummary(input: DiffSummaryInput): string {
  const { result } = input;
  const rows = result.rows;
  const counts = countChanges(rows);
  const tenancy = input.new.tenancyName ? `${input.new.tenancyName} (${input.new.tenancyId})` : input.new.tenancyId;
  const out: string[] = [`Changes in tenancy ${tenancy}`, runLine('old', input.old), runLine('new', input.new), ''];
  const kinds = Object.keys(KIND_TITLES) as ChangeKind[];
  out.push(
    ...table(
      ['', 'old', 'new', 'change', 'added', 'removed', 'changed'],
      kinds.map((k) => [KIND_TITLES[k], input.counts[k].old, input.counts[k].new, signed(input.counts[k].new - input.counts[k].old), counts[k].added, counts[k].removed, counts[k].changed]),
    ),
  );

  const shown = new Set<ChangeRow>();
  const pick = (test: (r: ChangeRow) => boolean, line: (r: ChangeRow) => string) =>
    rows.filter(test).map((r) => {
      shown.add(r);
      return line(r);
    });
  const is = (kind: ChangeKind, change: ChangeRow['change'], field = '') => (r: ChangeRow) => r.kind === kind && r.change === change && r.field === field;

  section(out, 'Compartments added', pick(is('compartment', 'added'), (r) => `+ ${r.path}`));
  section(out, 'Compartments removed', pick(is('compartment', 'removed'), (r) => `- ${r.path}`));
  section(out, 'Compartments moved', pick(is('compartment', 'changed', 'compartment_id'), (r) => `${input.oldPath(r.id)} → ${r.path}`));
  section(out, 'Compartments renamed', pick(is('compartment', 'changed', 'name'), (r) => `${input.oldPath(r.id)} → ${r.new_value}`));
  const retired = (r: ChangeRow) => (r.new_value === 'true' ? `${r.name} retired` : `${r.name} reactivated`);
  section(out, 'Tag namespaces retired or reactivated', pick(is('tag_namespace', 'changed', 'is_retired'), retired));
  section(out, 'Tag definitions retired or reactivated', pick(is('tag_definition', 'changed', 'is_retired'), retired));
  section(out, 'Tag definitions added', pick(is('tag_definition', 'added'), (r) => `+ ${r.name}`));
  section(out, 'Tag definitions removed', pick(is('tag_definition', 'removed'), (r) => `- ${r.name}`));
  section(out, 'Tag defaults whose value changed', pick(is('tag_default', 'changed', 'value'), (r) => `${r.path}  ${r.name}: ${quoted(r.old_value)} → ${quoted(r.new_value)}`));
  section(out, 'Tag defaults whose required flag flipped', pick(is('tag_default', 'changed', 'is_required'), (r) => `${r.path}  ${r.name}: ${r.new_value === 'true' ? 'now required' : 'no longer required'}`));

  const rest = rows.filter((r) => !shown.has(r));
  if (rest.length) {
    const byWhat = new Map<string, number>();
    for (const r of rest) {
      const what = `${KIND_TITLES[r.kind]} ${r.change}${r.field ? ` (${r.field})` : ''}`;
      byWhat.set(what, (byWhat.get(what) ?? 0) + 1);
    }
    out.push('', `Other changes: ${[...byWhat].map(([w, n]) => `${n} ${w}`).join(', ')}`);
  }
  if (!rows.length) out.push('', 'No changes.');

  const { compartments, namespaces } = result.leftOut;
  if (compartments.length || namespaces.length) {
    const lines = [
      ...compartments.map((id) => `tag defaults of compartment ${input.newPath(id) || input.oldPath(id) || '(unknown path)'} (${id})`),
      ...namespaces.map((id) => `tag definitions of namespace ${id}`),
    ];
    out.push('', `Left out because a side could not read them (--allow-partial): ${lines.length}`);
    for (const l of lines.slice(0, LEFT_OUT_SHOWN)) out.push(`  ${l}`);
    if (lines.length > LEFT_OUT_SHOWN) out.push(`  … and ${lines.length - LEFT_OUT_SHOWN} more (--json lists them all; failures.csv of each run says why)`);
  }
  out.push('', `${rows.length} change rows written to ${input.csvPath}`, '');
  return out.join('\n');
}
