// The output contract as Markdown, rendered from the resource declarations so the README cannot drift
// from what the tool writes (test/output-docs.test.ts compares them).
import { CHECKS } from '../analyze/findings/index.js';
import { columnNames, findings, KINDS } from '../resources/index.js';
import { SNAPSHOT_FILE, SUMMARY_FILE } from './files.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderColumnsMarkdown(): string {
  const out: string[] = [
    'Every CSV file is UTF-8 (no BOM) with a header row, even when it has no data rows. Booleans are',
    '`true`/`false`, timestamps ISO 8601, and an empty cell means the value was absent.',
    '',
  ];
  for (const kind of KINDS) {
    const names = columnNames(kind);
    out.push(`### \`${kind.file}\``, '', cell(kind.title), '', '| column | type | description |', '|---|---|---|');
    kind.columns.forEach((c, i) => out.push(`| \`${names[i]}\` | ${c.type} | ${cell(c.description)} |`));
    out.push('');
    if (kind === findings) {
      out.push('The checks (ids keep their meaning; more may be added):', '', '| check | severity | scope_kind | rule |', '|---|---|---|---|');
      for (const c of CHECKS) out.push(`| \`${c.id}\` | ${c.severity} | ${c.scopeKind} | ${cell(c.description)} |`);
      out.push('');
    }
  }
  out.push(
    `### \`${SNAPSHOT_FILE}\``,
    '',
    `One JSON object: \`metadata\` (tool, version, run_id, tenancy_id, tenancy_name, region, endpoint,`,
    'started_at, finished_at, complete, counts, timings_ms, requests, governance (effective defaults covered',
    'and left out, findings by severity and check), coverage (resources, untagged, per region, the',
    'least-covered tags, the compartments with most untagged resources, freeform/defined case collisions),',
    'cost (monthly totals, each key\'s tagged share, sums that miss their total), the limiters, and the run',
    `settings), then one array per file above, keyed ${KINDS.filter((k) => k.snapshot !== false).map((k) => `\`${k.key}\``).join(', ')},`,
    'whose rows have the CSV columns as keys with typed values (booleans, numbers, `null` for absent).',
    `${KINDS.filter((k) => k.snapshot === false).map((k) => `\`${k.file}\``).join(' and ')} are not in it: at half a million resources the`,
    'snapshot would be huge; their counts and the coverage figures are.',
    '',
    `### \`${SUMMARY_FILE}\``,
    '',
    'The run for people: COMPLETE or PARTIAL first, then counts, namespaces with their definitions, the',
    'compartments with the most tag defaults, effective defaults (compartments covered, those left out and',
    'why), findings by severity and check with the high ones spelled out, tag coverage, cost by month and',
    'tag, failures grouped by phase, error and region (with what to do), timings and requests.',
  );
  return out.join('\n') + '\n';
}
