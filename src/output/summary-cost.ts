// The summary's "Cost by tag" section, from the figures the cost phase gathered.
import type { CostFigures } from '../analyze/cost.js';
import type { RunMetadata } from './metadata.js';
import { clip, num, WIDTH } from './summary.js';
import type { FailureGroup } from './tally.js';

const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Keys shown; cost_by_tag.csv has them all. */
const MAX_KEYS = 15;

export function costSection(meta: RunMetadata): string[] {
  const c = meta.extra?.['cost'] as CostFigures | undefined;
  if (!c) return [];
  const currency = c.months.find((m) => m.currency)?.currency ?? '';
  const lines = ['Cost by tag (Usage API)', `  ${'month'.padEnd(9)}${`cost ${currency}`.padStart(16)}`];
  for (const m of c.months) lines.push(`  ${m.month.padEnd(9)}${money(m.cost).padStart(16)}${m.toDate ? '   (month to date)' : ''}`);
  if (c.keys.length) {
    lines.push('  Share of cost carrying each tag, most untagged cost first:', `  ${'tagged'.padStart(9)}  ${'untagged'.padStart(14)}  tag`);
    for (const k of c.keys.slice(0, MAX_KEYS)) lines.push(clip(`  ${pct(k.taggedShare).padStart(9)}  ${money(k.untagged).padStart(14)}  ${k.namespace}.${k.key}`, WIDTH));
    if (c.keys.length > MAX_KEYS) lines.push(`  ... and ${num(c.keys.length - MAX_KEYS)} more in cost_by_tag.csv`);
  }
  if (c.mismatches.length) {
    lines.push(`  ${num(c.mismatches.length)} (month, tag) whose values do not add up to the month's total (usage recorded between two calls?):`);
    for (const x of c.mismatches.slice(0, 5)) lines.push(clip(`    ${x.month} ${x.namespace}.${x.key}: ${money(x.sum)} of ${money(x.total)}`, WIDTH));
  }
  return [...lines, ''];
}

/** What to do when the Usage API refuses the caller: the one failure group a person must act on. */
export function costAdvice(groups: readonly FailureGroup[]): string | undefined {
  const refused = groups.some((g) => g.phase === 'cost' && g.examples.some((e) => e.httpStatus === 401 || e.httpStatus === 404));
  return refused
    ? 'Cost: the Usage API refused the caller. Grant "Allow group <group> to read usage-reports in tenancy", or run with --no-cost.'
    : undefined;
}
