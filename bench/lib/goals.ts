// Issue 5's goals, judged from a bench run's results (never written by hand): one line per goal with
// the measured value and PASS or FAIL. A goal whose scenario was not run says so; it does not pass.
import type { Report } from './bench.js';
import { HEADLINE_ENGINES, SDK_REFERENCE } from './contenders.js';
import type { RunRecord } from './metrics.js';

/** Rate-limited: sustained ≥ 90 % of R, ≤ 5 % of requests answered 429, nothing lost, with no number set. */
export const RATE_GOAL = { ofR: 0.9, throttledFraction: 0.05 } as const;
/** Engine overhead: requests/s at zero latency ≥ 2.5× the stock SDK's one thread with 20 in flight. */
export const OVERHEAD_GOAL = { ratio: 2.5 } as const;

export interface GoalLine {
  goal: 'rate' | 'overhead';
  scenario: string;
  /** undefined: could not be judged (scenario or contender not run). */
  pass: boolean | undefined;
  text: string;
}

const pct1 = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (pass: boolean | undefined) => (pass === undefined ? 'NOT JUDGED' : pass ? 'PASS' : '**FAIL**');

/** The engine a goal is about: the CLI with no number given (else the 2-core defaults spelled out). */
function engineRun(runs: readonly RunRecord[]): RunRecord | undefined {
  for (const id of HEADLINE_ENGINES) {
    const r = runs.find((x) => x.contender === id);
    if (r) return r;
  }
  return undefined;
}

/** What a failed run lost or why it stopped, in a few words. */
function lossOf(r: RunRecord): string {
  if (r.status === 'ok') return 'no loss';
  return `**run FAILED**: ${r.problems.join('; ').slice(0, 160)}`;
}

function rateLine(report: Report, scenario: string): GoalLine {
  const runs = report.runs.filter((r) => r.scenario === scenario);
  const sc = report.scenarios.find((s) => s.id === scenario)!;
  const e = engineRun(runs);
  const rps = sc.sim.rateLimit?.rps;
  const head = `${scenario} (R = ${rps} req/s${sc.truth ? `, ${int(sc.truth.compartments)} compartments` : ''})`;
  if (!e || !e.derived.rate) return { goal: 'rate', scenario, pass: undefined, text: `${head}: the engine with no number given was not run — ${verdict(undefined)}` };
  const d = e.derived.rate;
  const misses: string[] = [];
  if (d.ofR === undefined || d.ofR < RATE_GOAL.ofR) misses.push(`below ${pct1(RATE_GOAL.ofR)} of R`);
  if (d.throttledFraction > RATE_GOAL.throttledFraction) misses.push(`more than ${pct1(RATE_GOAL.throttledFraction)} 429s`);
  if (e.status !== 'ok') misses.push('lost data or did not finish');
  const pass = misses.length === 0;
  const server = d.ofRServer !== undefined ? ` (${pct1(d.ofRServer)} over the simulator's window, start-up excluded)` : '';
  const settled = e.limiter ? `; limiter settled on ${settledOn(e)}` : '';
  return {
    goal: 'rate',
    scenario,
    pass,
    text: `${head}: ${e.label} ${d.ofR === undefined ? '—' : pct1(d.ofR)} of R${server}, ${pct1(d.throttledFraction)} 429 (${int(e.throttled)} of ${int(e.requests)}), ${lossOf(e)}${settled} — ${verdict(pass)}${pass ? '' : ` (${misses.join(', ')})`}`,
  };
}

/** "limit 4, 19.8 req/s": the concurrency limit and adaptive rate the engine ended on. */
export function settledOn(r: RunRecord): string {
  const l = r.limiter;
  if (!l) return '—';
  const limit = l.limit === undefined ? '?' : String(Math.floor(l.limit));
  const rate = l.rate === null || l.rate === undefined ? 'no rate cap' : `${l.rate.toFixed(l.rate < 100 ? 1 : 0)} req/s`;
  return `limit ${limit}${l.maxLimit !== undefined ? `/${l.maxLimit}` : ''}, ${rate}`;
}

function overheadLine(report: Report, scenario: string): GoalLine {
  const runs = report.runs.filter((r) => r.scenario === scenario);
  const sc = report.scenarios.find((s) => s.id === scenario)!;
  const e = engineRun(runs.filter((r) => r.contender !== 'engine-default-stock-signer'));
  const sdk = runs.find((r) => r.contender === SDK_REFERENCE);
  const head = `${scenario} (${sc.truth ? `${int(sc.truth.compartments)} compartments, ` : ''}0 ms, ${report.machine.cores} cores)`;
  if (!e || !sdk || !e.derived.requestsPerSecond || !sdk.derived.requestsPerSecond) {
    return { goal: 'overhead', scenario, pass: undefined, text: `${head}: the engine and the SDK pool 20 were not both measured — ${verdict(undefined)}` };
  }
  const ratio = e.derived.requestsPerSecond / sdk.derived.requestsPerSecond;
  const ok = e.status === 'ok' && sdk.status === 'ok';
  const pass = ok && ratio >= OVERHEAD_GOAL.ratio;
  const stock = runs.find((r) => r.contender === 'engine-default-stock-signer' && r.derived.requestsPerSecond);
  const stockPart = stock ? `; with the stock signer ${int(stock.derived.requestsPerSecond!)} req/s = ${(stock.derived.requestsPerSecond! / sdk.derived.requestsPerSecond).toFixed(2)}×` : '';
  const cpu = (r: RunRecord | undefined) => (r?.derived.marginalCpuMsPerRequest === undefined ? undefined : r.derived.marginalCpuMsPerRequest.toFixed(2));
  const cpuPart =
    cpu(e) && cpu(sdk) ? `; marginal CPU ${cpu(e)} ms/req vs the SDK's ${cpu(sdk)}${cpu(stock) ? ` (stock signer ${cpu(stock)})` : ''}` : '';
  return {
    goal: 'overhead',
    scenario,
    pass,
    text:
      `${head}: ${e.label} ${int(e.derived.requestsPerSecond)} req/s ÷ ${sdk.label} ${int(sdk.derived.requestsPerSecond)} req/s = **${ratio.toFixed(2)}×** (goal ≥ ${OVERHEAD_GOAL.ratio}×)${stockPart}${cpuPart}` +
      `${ok ? '' : `; ${[e, sdk].filter((r) => r.status !== 'ok').map((r) => `${r.label} FAILED`).join(', ')}`} — ${verdict(pass)}`,
  };
}

export function goalLines(report: Report): GoalLine[] {
  const out: GoalLine[] = [];
  for (const s of report.scenarios) {
    if (s.kind === 'rate') out.push(rateLine(report, s.id));
    if (s.kind === 'overhead') out.push(overheadLine(report, s.id));
  }
  return out;
}

/** The Goals section: measured, judged, and plain about what failed. Empty when no goal scenario ran. */
export function goalsMarkdown(report: Report, heading = '## Goals'): string {
  const lines = goalLines(report);
  if (!lines.length) return '';
  const rate = lines.filter((l) => l.goal === 'rate');
  const overhead = lines.filter((l) => l.goal === 'overhead');
  const all = (ls: GoalLine[]) => (ls.some((l) => l.pass === false) ? '**FAIL**' : ls.every((l) => l.pass) ? 'PASS' : 'NOT JUDGED');
  const out = [
    heading,
    '',
    `Issue 5's goals, judged from this ${report.mode} run${report.mode === 'quick' ? ' (quick mode: smaller tenancies, see each scenario\'s note)' : ''}; nothing here is written by hand.`,
    '',
  ];
  if (rate.length) {
    out.push(
      `**Rate-limited** (${all(rate)}): with no number set, sustained throughput ≥ ${pct1(RATE_GOAL.ofR)} of R, ≤ ${pct1(RATE_GOAL.throttledFraction)} of requests answered 429, and no loss, for every R tried. ` +
        '*% of R* is (answered requests − the bucket\'s burst) / (collect time − the serial ListCompartments pages) ÷ R, at most 100 %; *429* is throttled / all requests as the simulator counted them; *loss* is the check against the ground truth.',
      '',
      ...rate.map((l) => `- ${l.text}`),
      '',
    );
  }
  if (overhead.length) {
    out.push(
      `**Engine overhead** (${all(overhead)}): requests per second at zero latency ≥ ${OVERHEAD_GOAL.ratio}× the stock SDK in one thread with 20 in flight, requests/s over each one's collect time.`,
      '',
      ...overhead.map((l) => `- ${l.text}`),
      '',
    );
  }
  return out.join('\n');
}
