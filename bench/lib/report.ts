// The Markdown report: one table per scenario, one row per contender. Failed cells keep their raw
// numbers (to show how they failed) but get no speedup or efficiency: a wrong result is not a result.
import type { Report, ScenarioRecord } from './bench.js';
import { machineLine } from './machine.js';
import { HEADLINE_ENGINES, SDK_REFERENCE } from './contenders.js';
import { goalsMarkdown, rampText, settledOn } from './goals.js';
import { pct, type RunRecord } from './metrics.js';

const s2 = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));
const int = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const x = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(n < 10 ? 1 : 0)}×`);
const mb = (kb: number | undefined) => (kb === undefined ? '—' : String(Math.round(kb / 1024)));
const ms = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));
/** " (min–max of n)" for a repeated cell. */
const spread = (samples: number[] | undefined) => {
  if (!samples || samples.length < 2) return '';
  const ok = samples.filter((x) => Number.isFinite(x));
  return ok.length ? ` (${s2(Math.min(...ok))}–${s2(Math.max(...ok))}, n=${samples.length})` : '';
};
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const COLUMNS: [string, (r: RunRecord) => string][] = [
  ['contender', (r) => r.label],
  ['C', (r) => String(r.inFlight)],
  ['in flight avg/max', (r) => `${r.derived.avgInFlight === undefined ? '—' : r.derived.avgInFlight.toFixed(0)}/${r.maxInFlight ?? '—'}`],
  ['result', (r) => (r.status === 'ok' ? 'ok' : '**FAILED**')],
  ['wall s', (r) => s2(r.wallMs)],
  ['collect s', (r) => s2(r.collectMs) + spread(r.samplesCollectMs)],
  ['requests', (r) => int(r.requests)],
  ['req/s', (r) => int(r.derived.requestsPerSecond)],
  ['speedup', (r) => (r.status === 'ok' ? x(r.derived.speedup) : '—')],
  ['bound s', (r) => (r.derived.bound ? `${s2(r.derived.bound.ms)} (${r.derived.bound.kind})` : '—')],
  ['efficiency', (r) => (r.status === 'ok' && r.derived.efficiency !== undefined ? pct(r.derived.efficiency) : '—')],
  ['throttled', (r) => int(r.throttled)],
  ['failures', (r) => int(r.failures)],
  ['CPU s', (r) => s2(r.cpuMs)],
  ['CPU ms/req (marginal)', (r) => `${ms(r.derived.cpuMsPerRequest)}${r.derived.marginalCpuMsPerRequest !== undefined ? ` (${ms(r.derived.marginalCpuMsPerRequest)})` : ''}`],
  ['cores ours+sim', (r) => (r.derived.cores === undefined ? '—' : `${r.derived.cores.toFixed(1)}+${r.derived.simCores?.toFixed(1) ?? '?'}`)],
  ['peak RSS MB', (r) => mb(r.maxRssKb)],
  ['notes', (r) => [...r.problems, ...r.notes].join('; ')],
];

function tenancyLine(s: ScenarioRecord): string {
  const t = s.truth;
  const grows = s.sim.latencyPerInFlightMs ? ` + ${s.sim.latencyPerInFlightMs} ms per other request in flight` : '';
  const parts = [
    t ? `${int(t.compartments)} compartments (root included), ${t.tagNamespaces} namespaces, ${t.tagDefinitions} tag definitions, ${int(t.tagDefaults)} tag defaults, ${t.forbidden} forbidden compartments` : undefined,
    `latency ${s.sim.latencyMs ?? 0} ms${grows}${s.latencyScale && !grows ? ` (the reference's 390 ms ÷ ${s.latencyScale.toFixed(1)})` : ''}`,
    s.sim.rateLimit ? `rate limit ${s.sim.rateLimit.rps} req/s, burst ${s.sim.rateLimit.burst}` : 'no rate limit',
  ];
  return parts.filter(Boolean).join('; ') + '.';
}

type Column = [string, (r: RunRecord, all: readonly RunRecord[]) => string];

const pct1 = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`);
const result: Column = ['result', (r) => (r.status === 'ok' ? 'ok, no loss' : `**FAILED**: ${r.problems.join('; ')}`)];

/** The focused tables: the few numbers each kind of scenario is about, above the full table. */
const FOCUS: Partial<Record<NonNullable<ScenarioRecord['kind']>, { intro: string; columns: Column[] }>> = {
  rate: {
    intro:
      '*% of R*: (answered − burst) / (collect time − serial ListCompartments pages × latency) ÷ R, at most 100 %; *server window*: the same over the time from the first request to the last answer the simulator saw (the contender\'s start-up left out). ' +
      '*429*: throttled / all requests (simulator\'s counts). *limiter settled on*: the engine\'s concurrency limit / maximum and adaptive send rate at the end of the run.',
    columns: [
      ['contender', (r) => r.label],
      result,
      ['collect s', (r) => s2(r.collectMs)],
      ['answered', (r) => int(r.derived.rate?.answered)],
      ['429s', (r) => int(r.throttled)],
      ['429 %', (r) => pct1(r.derived.rate?.throttledFraction)],
      ['sustained req/s', (r) => (r.derived.rate?.sustainedRps === undefined ? '—' : r.derived.rate.sustainedRps.toFixed(1))],
      ['% of R', (r) => pct1(r.derived.rate?.ofR)],
      ['% of R, server window', (r) => pct1(r.derived.rate?.ofRServer)],
      ['limiter settled on', (r) => (r.limiter ? settledOn(r) : '—')],
      ['cuts', (r) => int(r.limiter?.cuts)],
    ],
  },
  load: {
    intro:
      '*in flight avg*: time-average of requests in flight at the simulator over the collect time; *server latency*: the simulator\'s average time to answer, both measured in the simulator. *limiter settled on*: as in the rate tables.',
    columns: [
      ['contender', (r) => r.label],
      result,
      ['wall s', (r) => s2(r.wallMs)],
      ['collect s', (r) => s2(r.collectMs)],
      ['req/s', (r) => int(r.derived.requestsPerSecond)],
      ['in flight avg/max', (r) => `${r.derived.avgInFlight === undefined ? '—' : r.derived.avgInFlight.toFixed(1)}/${r.maxInFlight ?? '—'}`],
      ['server latency avg ms', (r) => (r.derived.serverLatencyMs === undefined ? '—' : r.derived.serverLatencyMs.toFixed(1))],
      ['limiter settled on', (r) => (r.limiter ? settledOn(r) : '—')],
      ['429s', (r) => int(r.throttled)],
    ],
  },
  'real-latency': {
    intro:
      '*speedup*: over N × L (computed, not run). *ramp*: the limiter\'s time to the knee (its first cut, or its concurrency limit at the maximum), counting only the time it had work to grow on, in ms and in its own measured round trips. *in flight*: as measured in the simulator.',
    columns: [
      ['contender', (r) => r.label],
      result,
      ['collect s', (r) => s2(r.collectMs)],
      ['speedup', (r) => (r.status === 'ok' ? x(r.derived.speedup) : '—')],
      ['in flight avg/max', (r) => `${r.derived.avgInFlight === undefined ? '—' : r.derived.avgInFlight.toFixed(0)}/${r.maxInFlight ?? '—'}`],
      ['limiter settled on', (r) => (r.limiter ? settledOn(r) : '—')],
      ['ramp', (r) => rampText(r)],
    ],
  },
  overhead: {
    intro: `*req/s*: requests (simulator's count) / collect time; *× ${SDK_REFERENCE}*: that over the SDK pool 20's. *marginal CPU ms/req*: the collecting process's CPU less its fixed cost (warm-up run) per request.`,
    columns: [
      ['contender', (r) => r.label],
      result,
      ['collect s', (r) => s2(r.collectMs)],
      ['requests', (r) => int(r.requests)],
      ['req/s', (r) => int(r.derived.requestsPerSecond)],
      [
        `× ${SDK_REFERENCE}`,
        (r, all) => {
          const sdk = all.find((o) => o.contender === SDK_REFERENCE)?.derived.requestsPerSecond;
          return sdk && r.derived.requestsPerSecond ? `${(r.derived.requestsPerSecond / sdk).toFixed(2)}×` : '—';
        },
      ],
      ['CPU ms/req', (r) => ms(r.derived.cpuMsPerRequest)],
      ['marginal CPU ms/req', (r) => ms(r.derived.marginalCpuMsPerRequest)],
      ['cores ours+sim', (r) => (r.derived.cores === undefined ? '—' : `${r.derived.cores.toFixed(1)}+${r.derived.simCores?.toFixed(1) ?? '?'}`)],
    ],
  },
};

function table(columns: readonly Column[], runs: readonly RunRecord[]): string[] {
  const left = new Set(['contender', 'notes', 'result', 'limiter settled on']);
  return [
    `| ${columns.map(([h]) => h).join(' | ')} |`,
    `|${columns.map(([h]) => (left.has(h) ? ' --- ' : ' ---: ')).join('|')}|`,
    ...runs.map((r) => `| ${columns.map(([, f]) => cell(f(r, runs))).join(' | ')} |`),
  ];
}

export function scenarioMarkdown(s: ScenarioRecord, runs: readonly RunRecord[]): string {
  const lines = [`### ${s.id}: ${s.title}`, '', s.why, '', tenancyLine(s)];
  if (s.note) lines.push('', `*${s.note}*`);
  if (s.error) return [...lines, '', `**Not run:** ${s.error}`, ''].join('\n');
  if (!runs.length) return [...lines, '', '*No contender selected.*', ''].join('\n');
  const focus = s.kind ? FOCUS[s.kind] : undefined;
  if (focus) lines.push('', focus.intro, '', ...table(focus.columns, runs), '', 'All numbers:');
  lines.push('', ...table(COLUMNS.map(([h, f]): Column => [h, (r) => f(r)]), runs));
  return lines.join('\n') + '\n';
}

/**
 * Scenarios of one series differ only in size: per contender, time per 1,000 compartments should stay
 * flat (linear cost) and peak RSS should grow far slower than the tenancy.
 */
export function seriesMarkdown(series: string, report: Report): string {
  const scenarios = report.scenarios.filter((s) => s.series === series && s.truth);
  const runs = report.runs.filter((r) => scenarios.some((s) => s.id === r.scenario));
  if (scenarios.length < 2 || !runs.length) return '';
  const size = (id: string) => scenarios.find((s) => s.id === id)!.truth!.compartments;
  const lines = [
    `### ${series}: time and memory by tenancy size`,
    '',
    '| contender | compartments | result | collect s | ms per 1,000 compartments | peak RSS MB | RSS × vs smallest | size × vs smallest |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const label of [...new Set(runs.map((r) => r.label))]) {
    const mine = runs.filter((r) => r.label === label).sort((a, b) => size(a.scenario) - size(b.scenario));
    const first = mine[0]!;
    for (const r of mine) {
      const n = size(r.scenario);
      const perK = r.collectMs === undefined ? '—' : ((r.collectMs / n) * 1000).toFixed(0);
      const rssX = r.maxRssKb && first.maxRssKb ? (r.maxRssKb / first.maxRssKb).toFixed(1) + '×' : '—';
      const sizeX = (n / size(first.scenario)).toFixed(0) + '×';
      lines.push(`| ${label} | ${int(n)} | ${r.status === 'ok' ? 'ok' : '**FAILED**'} | ${s2(r.collectMs)} | ${perK} | ${mb(r.maxRssKb)} | ${rssX} | ${sizeX} |`);
    }
  }
  return lines.join('\n') + '\n';
}

function versus(o: RunRecord, engine: RunRecord): string {
  const ratio = o.collectMs! / engine.collectMs!;
  const verdict = ratio >= 1.05 ? `${ratio.toFixed(1)}× faster` : ratio <= 0.95 ? `**${(1 / ratio).toFixed(1)}× slower**` : '**no faster**';
  return `${o.label} ${s2(o.collectMs)} s (${verdict})`;
}

/**
 * One line per scenario: the headline engine setting (the CLI's default here) against each stock-SDK
 * contender, in plain words, and the best engine setting of the sweep if it is a different one.
 */
export function headlines(report: Report): string[] {
  const out: string[] = [];
  for (const sc of report.scenarios) {
    const all = report.runs.filter((r) => r.scenario === sc.id);
    const ok = all.filter((r) => r.status === 'ok' && r.collectMs !== undefined);
    const engines = ok.filter((r) => r.kind === 'engine').sort((a, b) => a.collectMs! - b.collectMs!);
    const others = ok.filter((r) => r.kind !== 'engine');
    // Every contender that failed its check is named, the SDK baselines too: a baseline that lost data
    // is not "slower", it is wrong, and the line must not read as if it had been beaten fair and square.
    const failed = all.filter((r) => r.status !== 'ok').map((r) => r.label);
    const lead = HEADLINE_ENGINES.map((id) => engines.find((r) => r.contender === id)).find(Boolean) ?? engines[0];
    const parts: string[] = [];
    if (lead) {
      const eff = lead.derived.efficiency !== undefined ? `, ${pct(lead.derived.efficiency)} of its ${lead.derived.bound?.kind} bound` : '';
      parts.push(`${lead.label} ${s2(lead.collectMs)} s${eff}`);
      if (others.length) parts.push(`vs ${others.map((o) => versus(o, lead)).join(', ')}`);
      const best = engines[0]!;
      if (best !== lead && best.collectMs! < 0.95 * lead.collectMs!) parts.push(`best setting ${best.label} ${s2(best.collectMs)} s`);
    }
    if (failed.length) parts.push(`**FAILED: ${failed.join(', ')}**`);
    if (parts.length) out.push(`- **${sc.id}**: ${parts.join('; ')}`);
  }
  return out;
}

/** What each contender costs before it does any real work: its run on the tiny warm-up tenancy. */
export function fixedCostMarkdown(report: Report): string {
  if (!report.baselines.length) return '';
  const lines = [
    `### Fixed cost: each contender on a ${int(report.baselines[0]!.requests)}-request tenancy`,
    '',
    'Process start (Node + modules, + tsx for the SDK contenders; the engine also starts its worker threads), one small collection, exit. Subtracted from CPU and requests for the *marginal* CPU per request above.',
    '',
    '| contender | result | wall s | requests | CPU s | peak RSS MB |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of report.baselines) lines.push(`| ${r.label} | ${r.status === 'ok' ? 'ok' : `**FAILED**: ${cell(r.problems.join('; '))}`} | ${s2(r.wallMs)} | ${int(r.requests)} | ${s2(r.cpuMs)} | ${mb(r.maxRssKb)} |`);
  return lines.join('\n') + '\n';
}

/** `goals: false` leaves the Goals section out (BENCHMARKS.md puts it at its very top instead). */
export function reportMarkdown(report: Report, opts: { goals?: boolean } = {}): string {
  const failed = report.runs.filter((r) => r.status !== 'ok');
  const head = [
    `## oci-growth bench (${report.mode})`,
    '',
    `- Machine: ${machineLine(report.machine)}`,
    report.command ? `- Command: \`${report.command}\`` : undefined,
    report.machine.source ? `- Code: ${report.machine.source}` : undefined,
    `- Run: ${report.startedAt} → ${report.finishedAt}`,
    `- Correctness: ${failed.length ? `**${failed.length} of ${report.runs.length} runs FAILED** the check against the simulator's ground truth` : `all ${report.runs.length} runs passed the check against the simulator's ground truth`}`,
    '',
    ...(() => {
      const g = opts.goals === false ? '' : goalsMarkdown(report, '### Goals');
      return g ? [g] : [];
    })(),
    ...(() => {
      const h = headlines(report);
      return h.length ? [...h, ''] : [];
    })(),
    'Columns: *collect s* is the contender\'s own clock from building its client to its last answer (engine: `timings.total`, which includes writing its output files); ' +
      '*wall s* adds process start-up and exit; with `--repeat N` a cell is the median run and *collect s* shows the range. *speedup* is over the sequential baseline of the same scenario, on collect time. ' +
      '*bound* is the least time any client could take with the same number of answered requests N and C in flight: latency L·(P + (N−P)/C) with P the serial ListCompartments pages (where latency grows with load, at the best c ≤ C), or rate (N − burst)/R; *efficiency* = bound / collect time. ' +
      '*in flight* is what the simulator saw: the time-average over the collect time (measured in the simulator) and the maximum, against the C the contender allows. ' +
      '*requests* and *throttled* are counted by the simulator. *CPU* and *peak RSS* are the collecting process\'s own (all threads, start-up included); ' +
      '*CPU ms/req* is that CPU over all requests; *(marginal)* subtracts the contender\'s fixed cost (its run on the tiny warm-up tenancy, table at the end) from CPU and requests. ' +
      '*cores ours+sim* is CPU time / wall time of the collector and of the simulator, which share the machine.',
    '',
  ].filter((l) => l !== undefined);
  const sections = report.scenarios.map((s) => scenarioMarkdown(s, report.runs.filter((r) => r.scenario === s.id)));
  const series = [...new Set(report.scenarios.map((s) => s.series).filter((x): x is string => !!x))].map((name) => seriesMarkdown(name, report)).filter(Boolean);
  return [...head, ...sections, ...series, fixedCostMarkdown(report)].filter((part, i) => i < head.length || part !== '').join('\n');
}
