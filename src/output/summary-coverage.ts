// The summary's "Tag coverage" section, from the figures the resources phase gathered.
import type { CoverageFigures } from '../analyze/coverage.js';
import type { RunMetadata } from './metadata.js';
import { clean, clip, clipLeft, num, WIDTH } from './summary.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

export function coverageSection(meta: RunMetadata): string[] {
  const c = meta.extra?.['coverage'] as CoverageFigures | undefined;
  if (!c) return [];
  const regions = Object.keys(c.regions);
  const lines = [
    'Tag coverage (Resource Search)',
    `  ${num(c.resources)} resources in ${num(regions.length)} region${regions.length === 1 ? '' : 's'} (${regions.map(clean).join(', ') || 'none'}); ${num(c.untagged)} untagged (${pct(c.untaggedShare)}): no defined or freeform tag.`,
    '  Search shows only what the caller may read, and its index can lag a little behind the services.',
  ];
  if (c.leastCovered.length) {
    lines.push('  Least-covered defined tags:', `  ${'share'.padStart(11)}  ${'resources'.padStart(9)}  tag`);
    for (const t of c.leastCovered) lines.push(clip(`  ${pct(t.share).padStart(11)}  ${num(t.tagged).padStart(9)}  ${t.namespace}.${t.key}`, WIDTH));
  }
  if (c.mostUntagged.length) {
    lines.push('  Compartments with the most untagged resources:', `  ${'untagged'.padStart(11)}  compartment`);
    for (const m of c.mostUntagged) lines.push(`  ${`${num(m.untagged)}/${num(m.resources)}`.padStart(11)}  ${clipLeft(m.path || m.compartmentId, WIDTH - 15)}`);
  }
  if (c.caseCollisions.length) {
    lines.push('  Freeform keys that differ only by case from a defined tag (one question, two keys):');
    for (const x of c.caseCollisions) lines.push(clip(`    freeform "${x.freeformKey}"  ~  defined ${x.definedTag}`, WIDTH));
  }
  return [...lines, ''];
}
