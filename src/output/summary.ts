// growth_collection_summary.txt: what a person reads first. Plain ASCII layout (any terminal, any
// code page), the verdict in a banner before any number, values cleaned of control characters.
import type { GovernanceReport } from '../analyze/governance.js';
import { CHECKS, SEVERITIES } from '../analyze/findings/index.js';
import { effectiveTagDefaults, findings as findingsKind, KINDS, snake } from '../resources/index.js';
import { SNAPSHOT_FILE } from './files.js';
import { isInterrupted, type RunMetadata } from './metadata.js';
import type { FailureGroup, NamespaceStat } from './tally.js';
import { coverageSection } from './summary-coverage.js';
import { costAdvice, costSection } from './summary-cost.js';
import { listingLines } from './summary-tag-defaults.js';

export interface CompartmentStat {
  id: string;
  name: string;
  path: string;
  defaults: number;
}

export interface SummaryInput {
  meta: RunMetadata;
  runId: string;
  /** Rows per kind key. */
  counts: Record<string, number>;
  tenancyName?: string;
  namespaces: readonly NamespaceStat[];
  compartments: { total: number; withDefaults: number; top: readonly CompartmentStat[] };
  failures: readonly FailureGroup[];
  /** The analysis of what was collected; absent when none ran. */
  governance?: GovernanceReport;
}

export const WIDTH = 78;
export const MAX_NAMESPACES = 50;

/** Names and messages come from the tenancy: never let them move the cursor or recolour the terminal. */
export function clean(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ');
}

export function clip(value: string, width: number): string {
  const v = clean(value);
  return v.length <= width ? v : `${v.slice(0, width - 3)}...`;
}

/** Paths keep their end (the compartment itself) when too long. */
export function clipLeft(value: string, width: number): string {
  const v = clean(value);
  return v.length <= width ? v : `...${v.slice(v.length - width + 3)}`;
}

export const num = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min ${s % 60} s` : `${m} min ${s % 60} s`;
}

function banner(char: string, lines: string[]): string[] {
  const edge = char.repeat(WIDTH);
  const row = (t: string) => `${char}${char}   ${t.padEnd(WIDTH - 7)}${char}${char}`;
  return [edge, row(''), ...lines.map(row), row(''), edge];
}

/** One line per service code: what that kind of failure usually means and what to do about it. */
function advice(code: string): string {
  switch (code) {
    case 'NotAuthorizedOrNotFound':
    case 'NotAuthenticated':
    case 'NotAuthorized':
      return 'the principal\'s IAM policies do not reach these scopes (or they were deleted during the run): check the policies, then re-run';
    case 'TooManyRequests':
      return 'OCI throttled these calls past the retry budget: re-run later, or with a lower --max-rps';
    case 'Timeout':
    case 'NetworkError':
      return 'the network or the service was slow or unreachable: re-run (a longer --timeout may help)';
    case 'InternalServerError':
    case 'ServiceUnavailable':
      return 'OCI had a server-side problem: re-run later';
    case 'WorkerError':
      return 'an internal error in oci-growth: re-run with OCI_GROWTH_DEBUG=1 and report it';
    default:
      return 'see the message in failures.csv';
  }
}

function header(input: SummaryInput): string[] {
  const { meta } = input;
  const finished = meta.finishedAt ?? new Date();
  return [
    clip(`${meta.tool} ${meta.version} - tag-governance collection`, WIDTH),
    '='.repeat(WIDTH),
    '',
    // OCIDs are never clipped (a clipped OCID is useless), so they get lines of their own.
    ...(input.tenancyName ? [`Tenancy    ${clip(input.tenancyName, WIDTH - 11)}`, `           ${meta.tenancyId}`] : [`Tenancy    ${meta.tenancyId}`]),
    `Region     ${meta.region || '-'}`,
    ...(meta.endpoint ? [`Endpoint   ${clean(meta.endpoint)}`] : []),
    `Started    ${meta.startedAt.toISOString()}`,
    `Finished   ${finished.toISOString()}  (${formatDuration(finished.getTime() - meta.startedAt.getTime())})`,
    `Run id     ${input.runId}`,
    '',
  ];
}

function verdict(input: SummaryInput): string[] {
  const failed = input.counts['failures'] ?? 0;
  if (input.meta.complete && !isInterrupted(input.meta))
    return [...banner('-', ['COMPLETE', 'Every scope was collected: compartments, namespaces, regions, months.']), ''];
  const interrupted = isInterrupted(input.meta);
  const what = interrupted ? 'INTERRUPTED  -  PARTIAL DATA' : 'PARTIAL  -  DATA IS MISSING';
  const recorded = failed ? `${plural(failed, 'failure')} recorded in failures.csv` : 'no failure recorded';
  const why = interrupted ? `Stopped before the end; ${recorded}.` : `${recorded[0].toUpperCase()}${recorded.slice(1)}.`;
  const lines = [...banner('#', [what, why]), ''];
  lines.push(
    ...wrap(
      'Every file is valid, but data is missing from it. failures.csv has one row per scope (compartment, namespace, region) that could not be collected, with the opc-request-id Oracle support asks for.',
      '',
      '',
    ),
    'What to do:',
  );
  const byCode = new Map<string, number>();
  for (const g of input.failures) byCode.set(g.serviceCode, (byCode.get(g.serviceCode) ?? 0) + g.count);
  for (const [code, n] of byCode) lines.push(...wrap(`${clean(code)} (${num(n)}): ${advice(code)}.`, '  - ', '    '));
  const cost = costAdvice(input.failures);
  if (cost) lines.push(...wrap(cost, '  - ', '    '));
  lines.push(...wrap('Run the same command again with --resume: it fetches only what this run lacks, and these files stay until it has finished.', '  - ', '    '));
  lines.push('');
  return lines;
}

export function wrap(textIn: string, first: string, rest: string): string[] {
  const out: string[] = [];
  let line = first;
  for (const word of textIn.split(' ')) {
    if (line.length + word.length > WIDTH && line.trim()) {
      out.push(line.trimEnd());
      line = rest;
    }
    line += `${word} `;
  }
  out.push(line.trimEnd());
  return out;
}

function collected(input: SummaryInput): string[] {
  const lines = ['Collected'];
  for (const k of KINDS) lines.push(`  ${k.key.replace(/_/g, ' ').padEnd(22)}${num(input.counts[k.key] ?? 0).padStart(10)}   ${k.file}`);
  lines.push(`  (all of the above, with this run's metadata: ${SNAPSHOT_FILE})`, '');
  return lines;
}

function namespaces(input: SummaryInput): string[] {
  const all = input.namespaces;
  const retired = all.filter((n) => n.retired).length;
  const lines = [`Tag namespaces (${num(all.length)}${retired ? `, ${num(retired)} retired` : ''})`];
  if (!all.length) return [...lines, '  none', ''];
  lines.push(`  ${'definitions'.padStart(11)}  namespace`);
  for (const n of all.slice(0, MAX_NAMESPACES)) {
    const flags = [n.retired ? 'RETIRED' : '', n.retiredDefinitions ? `${num(n.retiredDefinitions)} of ${num(n.definitions)} retired` : ''].filter(Boolean).join(', ');
    const name = clip(n.name || n.id, flags ? 36 : WIDTH - 15);
    lines.push(`  ${num(n.definitions).padStart(11)}  ${flags ? `${name.padEnd(36)}  [${flags}]` : name}`);
  }
  if (all.length > MAX_NAMESPACES) lines.push(`  ... and ${num(all.length - MAX_NAMESPACES)} more in tag_namespaces.csv`);
  return [...lines, ''];
}

function defaults(input: SummaryInput): string[] {
  const { total, withDefaults, top } = input.compartments;
  const lines = ['Tag defaults by compartment'];
  const none = Math.max(0, total - withDefaults);
  lines.push(`  ${num(withDefaults)} of ${plural(total, 'compartment')} set tag defaults of their own; ${num(none)} set none`);
  lines.push('  (children inherit their ancestors\' defaults: "none" does not mean untagged).');
  lines.push(...listingLines(input.meta));
  if (top.length) {
    lines.push(`  Most tag defaults:`, `  ${'defaults'.padStart(11)}  compartment`);
    for (const c of top) lines.push(`  ${num(c.defaults).padStart(11)}  ${clipLeft(c.path || c.name || c.id, WIDTH - 15)}`);
  }
  return [...lines, ''];
}

function effectiveSection(input: SummaryInput): string[] {
  const g = input.governance;
  if (!g) return [];
  const e = g.effective;
  const lines = ['Effective tag defaults (own and inherited, nearest wins)'];
  lines.push(`  ${num(e.covered)} of ${plural(e.compartments, 'compartment')} covered: ${plural(e.rows, 'row')} in ${effectiveTagDefaults.file}`);
  const unreadable = Object.entries(e.leftOut.unreadable);
  const left = unreadable.reduce((s, [, n]) => s + n, 0) + e.leftOut.underUnreadable + e.leftOut.ancestorNotListed;
  if (left) {
    lines.push(...wrap(`Left out, ${plural(left, 'compartment')} whose effective defaults cannot be known:`, '  ', '  '));
    for (const [code, n] of unreadable) lines.push(`  ${num(n).padStart(11)}  own tag defaults could not be read (${clean(code)})`);
    if (e.leftOut.underUnreadable) lines.push(`  ${num(e.leftOut.underUnreadable).padStart(11)}  below a compartment whose tag defaults could not be read`);
    if (e.leftOut.ancestorNotListed) lines.push(`  ${num(e.leftOut.ancestorNotListed).padStart(11)}  parent compartment not listed`);
  }
  if (e.misplacedDefaults) lines.push(...wrap(`${plural(e.misplacedDefaults, 'tag default')} did not follow the compartment order and were not applied: report this as a bug.`, '  ', '  '));
  return [...lines, ''];
}

function findingsSection(input: SummaryInput): string[] {
  const g = input.governance;
  if (!g) return [];
  const f = g.findings;
  const counts = SEVERITIES.map((s) => `${num(f.bySeverity[s])} ${s}`).join(', ');
  const lines = [`Findings (${num(f.total)}): ${counts}`, `  (governance checks over what was collected; they never make a run partial: ${findingsKind.file})`];
  if (!input.meta.complete) lines.push(...wrap('This run is partial: findings cover only what was collected.', '  ', '  '));
  const severity = new Map(CHECKS.map((c) => [c.id, c.severity]));
  lines.push(`  ${'findings'.padStart(11)}  check`);
  for (const [id, n] of Object.entries(f.byCheck)) lines.push(`  ${num(n).padStart(11)}  ${id}${severity.has(id) ? ` (${severity.get(id)})` : ''}`);
  if (f.high.length) {
    lines.push('  High:');
    for (const h of f.high) lines.push(...wrap(`${h.check}: ${clean(h.message)}`, '  - ', '    '));
    if (f.bySeverity.high > f.high.length) lines.push(`    ... ${num(f.bySeverity.high - f.high.length)} more high in ${findingsKind.file}`);
  }
  if (g.caveats.length) {
    lines.push('  Not checked:');
    for (const c of g.caveats) lines.push(...wrap(clean(c), '  - ', '    '));
  }
  return [...lines, ''];
}

function failureSection(input: SummaryInput): string[] {
  if (!input.failures.length) return [];
  const total = input.failures.reduce((s, g) => s + g.count, 0);
  const lines = [`Failures (${num(total)}) by phase, error and region`];
  for (const g of input.failures) {
    lines.push(`  ${num(g.count).padStart(11)}  ${g.phase.padEnd(16)} ${clean(g.serviceCode)}${g.region ? `  in ${clean(g.region)}` : ''}`);
    for (const e of g.examples) {
      const status = e.httpStatus === null ? '' : ` HTTP ${e.httpStatus}`;
      lines.push(clip(`${' '.repeat(15)}${e.operation}${status}${e.message ? `: ${e.message}` : ''}`, WIDTH));
      lines.push(`${' '.repeat(17)}${clean(e.scopeId)}`);
    }
    if (g.count > g.examples.length) lines.push(`${' '.repeat(15)}... ${num(g.count - g.examples.length)} more in failures.csv`);
  }
  return [...lines, ''];
}

function table(title: string, entries: [string, string][]): string[] {
  if (!entries.length) return [];
  return [title, ...entries.map(([k, v]) => `  ${k.replace(/_/g, ' ').padEnd(18)}${v.padStart(10)}`), ''];
}

/** The whole summary text; pure, so tests and the CLI can render it without a run. */
export function renderSummary(input: SummaryInput): string {
  const { meta } = input;
  return [
    ...header(input),
    ...verdict(input),
    ...collected(input),
    ...namespaces(input),
    ...defaults(input),
    ...coverageSection(meta),
    ...costSection(meta),
    ...effectiveSection(input),
    ...findingsSection(input),
    ...failureSection(input),
    ...table('Timings', Object.entries(meta.timings).map(([k, v]) => [snake(k), formatDuration(v)])),
    ...table('Requests', Object.entries(meta.requests).map(([k, v]) => [snake(k), num(v)])),
  ]
    .join('\n')
    .replace(/\n*$/, '\n');
}
