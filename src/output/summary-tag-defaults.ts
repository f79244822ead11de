// The summary's word on how tag defaults were listed (--tag-defaults-by), from the figures the step reported.
import type { TagDefaultsListing } from '../analyze/tag-defaults-check.js';
import type { RunMetadata } from './metadata.js';
import { clean, num, wrap } from './summary.js';

export function listingLines(meta: RunMetadata): string[] {
  const l = meta.extra?.['tagDefaults'] as TagDefaultsListing | undefined;
  if (!l) return [];
  if (l.asked === 'compartment') return ['  Listed per compartment (the documented way).'];
  const how =
    l.used === 'definition'
      ? `Listed by tag definition (undocumented in OCI): ${num(l.definitions ?? 0)} listings, and ${num(l.listed ?? 0)} compartments the documented way (${num(l.notAccessible ?? 0)} the compartment listing does not call accessible, the root among them).`
      : `Listed per compartment (the documented way), ${num(l.listed ?? 0)} compartments, after ${num(l.definitions ?? 0)} listings by tag definition.`;
  const lines = [...wrap(`${how} Asked: --tag-defaults-by ${l.asked}; ${clean(l.reason)}.`, '  ', '  ')];
  if (l.examples?.length) lines.push('  First differences (by definition: defaults missing, extra, changed; compartment):');
  for (const d of l.examples ?? []) lines.push(`    ${num(d.missing.length)}, ${num(d.extra.length)}, ${num(d.changed.length)}  ${clean(d.compartmentId)}`);
  return lines;
}
