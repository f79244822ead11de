// The bench's goals, judged from a bench run's results (never written by hand): one line per goal with
// the measured value and PASS or FAIL. A goal whose scenario was not run says so; it does not pass.
import type { Report } from './bench.js';
import { HEADLINE_ENGINES, SDK_REFERENCE } from './contenders.js';
import type { RunRecord } from './metrics.js';

/** Rate-limited: sustained ≥ 90 % of R, ≤ 5 % of requests answered 429, nothing lost, with no number set. */
export const RATE_GOAL = { ofR: 0.9, throttledFraction: 0.05 } as const;
/** Engine overhead: requests/s at zero latency ≥ 2.5× the stock SDK's one thread with 20 in flight. */
export const OVERHEAD_GOAL = { ratio: 2.5 } as const;
/** At the real latency: the defaults within 10 % of the best fixed setting tried, and the whole run in ≤ 10 s. */
export const REAL_LATENCY_GOAL = { ofBestFixed: 1.1, maxSeconds: 10 } as const;
/** Ramp: the time to the knee, in round trips, roughly constant across latencies (largest ÷ smallest). */
export const RAMP_GOAL = { maxSpread: 2 } as const;
/** Latency that grows with load: throughput ≥ 97 % of the best fixed setting and ≥ 1.15× the SDK pool's. */
export const LOAD_GOAL = { ofBestFixed: 0.97, overSdk: 1.15 } as const;
/** 5 % random 429s, no limit: throughput ≥ 90 % of the same run without them. */
export const RANDOM_429_GOAL = { ofClean: 0.9 } as const;

export interface GoalLine {
  goal: 'rate' | 'overhead' | 'real-latency' | 'ramp' | 'load' | 'random-429';
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
      `${head}: ${e.label} ${int(e.derived.requestsPerSecond)} req/s (${s2(e.collectMs)}${medianOfN(e)}) ÷ ${sdk.label} ${int(sdk.derived.requestsPerSecond)} req/s (${s2(sdk.collectMs)}${medianOfN(sdk)}) = **${ratio.toFixed(2)}×** (goal ≥ ${OVERHEAD_GOAL.ratio}×)${stockPart}${cpuPart}` +
      `${ok ? '' : `; ${[e, sdk].filter((r) => r.status !== 'ok').map((r) => `${r.label} FAILED`).join(', ')}`} — ${verdict(pass)}`,
  };
}

const s2 = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
/** ", median of n (a–b s)" for a cell run several times. */
const medianOfN = (r: RunRecord) => {
  const ok = (r.samplesCollectMs ?? []).filter((x) => Number.isFinite(x));
  return ok.length > 1 ? `, median of ${ok.length}: ${s2(Math.min(...ok))}–${s2(Math.max(...ok))}` : '';
};
const ok = (r: RunRecord | undefined): r is RunRecord & { collectMs: number } => r?.status === 'ok' && r.collectMs !== undefined;
/** Answered requests per second: the work done, whatever 429s it took. */
const throughput = (r: RunRecord & { collectMs: number }) => ((r.requests - r.throttled) / r.collectMs) * 1000;

/** The fastest --no-adaptive engine of a scenario's runs. */
function bestFixed(runs: readonly RunRecord[]): (RunRecord & { collectMs: number }) | undefined {
  return runs.filter((r) => r.kind === 'engine' && r.contender.endsWith('-fixed')).filter(ok).sort((a, b) => a.collectMs - b.collectMs)[0];
}

/** "1,234 ms = 3.2 round trips": the limiter's time to its knee, in its own measured round trips. */
export function rampText(r: RunRecord): string {
  const l = r.limiter;
  if (!l || l.rampMs === undefined) return '—';
  if (l.rampMs === null) return 'not reached';
  const rtt = rampRtt(r);
  return `${int(l.rampMs)} ms${rtt ? ` = ${(l.rampMs / rtt).toFixed(1)} round trips of ${int(rtt)} ms` : ''}`;
}

/**
 * What one round of the ramp took: the mean round trip of the answers before the knee. Where the
 * client's CPU is the bottleneck (20 ms) a window comes back far later than the fastest answer, and
 * the minimum (what older results have) swung between runs with the machine's load.
 */
function rampRtt(r: RunRecord | undefined): number | undefined {
  return r?.limiter?.rampRttMs ?? r?.limiter?.minRttMs ?? undefined;
}

function realLatencyLine(report: Report, scenario: string): GoalLine {
  const runs = report.runs.filter((r) => r.scenario === scenario);
  const e = engineRun(runs);
  const best = bestFixed(runs);
  const head = `${scenario} (${report.scenarios.find((s) => s.id === scenario)?.sim.latencyMs} ms per call, no limit)`;
  if (!ok(e) || !best) return { goal: 'real-latency', scenario, pass: undefined, text: `${head}: the defaults and a fixed setting were not both measured — ${verdict(undefined)}` };
  const ratio = e.collectMs / best.collectMs;
  const pass = ratio <= REAL_LATENCY_GOAL.ofBestFixed && e.collectMs <= REAL_LATENCY_GOAL.maxSeconds * 1000;
  return {
    goal: 'real-latency',
    scenario,
    pass,
    text:
      `${head}: ${e.label} ${s2(e.collectMs)} vs the best fixed setting tried, ${best.label}, ${s2(best.collectMs)}: **${ratio.toFixed(2)}×** (goal ≤ ${REAL_LATENCY_GOAL.ofBestFixed}×, and ≤ ${REAL_LATENCY_GOAL.maxSeconds} s); ` +
      `limiter settled on ${settledOn(e)}, ramp ${rampText(e)} — ${verdict(pass)}`,
  };
}

/** The ramp, in round trips, of the engine with no number given at every fixed latency it ran at. */
function rampLine(report: Report): GoalLine | undefined {
  const points = report.scenarios
    .filter((s) => !s.sim.latencyPerInFlightMs && !s.sim.rateLimit && !s.sim.faults && (s.sim.latencyMs ?? 0) >= 20)
    .map((s) => ({ s, r: report.runs.find((r) => r.scenario === s.id && r.contender === 'engine-default') }))
    .filter((p) => ok(p.r) && p.r!.limiter?.rampMs && rampRtt(p.r))
    .map((p) => ({ latency: p.s.sim.latencyMs!, rtts: p.r!.limiter!.rampMs! / rampRtt(p.r)!, ms: p.r!.limiter!.rampMs!, rtt: rampRtt(p.r)!, min: p.r!.limiter!.minRttMs }))
    .sort((a, b) => a.latency - b.latency);
  if (!points.length) return undefined;
  const rtts = points.map((p) => p.rtts);
  const spread = Math.max(...rtts) / Math.min(...rtts);
  const pass = points.length >= 2 ? spread <= RAMP_GOAL.maxSpread : undefined;
  // The count in the fastest answer's round trips too: it shows how much of a round was the client's own queue.
  const fastest = (p: (typeof points)[number]) => (p.min ? `; ${(p.ms / p.min).toFixed(1)} of the fastest, ${int(p.min)} ms` : '');
  const list = points.map((p) => `${p.latency} ms: ${p.rtts.toFixed(1)} round trips (${int(p.ms)} ms, a round trip ${int(p.rtt)} ms${fastest(p)})`).join('; ');
  return { goal: 'ramp', scenario: 'ramp', pass, text: `engine defaults, time to the knee (while there was work to grow on): ${list}; largest ÷ smallest ${spread.toFixed(1)} (goal ≤ ${RAMP_GOAL.maxSpread}) — ${verdict(pass)}` };
}

function loadLine(report: Report, scenario: string): GoalLine {
  const runs = report.runs.filter((r) => r.scenario === scenario);
  const e = engineRun(runs);
  const best = bestFixed(runs);
  const sdk = runs.find((r) => r.contender === SDK_REFERENCE);
  if (!ok(e) || !best || !ok(sdk)) return { goal: 'load', scenario, pass: undefined, text: `${scenario}: the defaults, a fixed setting and the SDK pool were not all measured — ${verdict(undefined)}` };
  const ofBest = throughput(e) / throughput(best);
  const overSdk = throughput(e) / throughput(sdk);
  const pass = ofBest >= LOAD_GOAL.ofBestFixed && overSdk >= LOAD_GOAL.overSdk;
  return {
    goal: 'load',
    scenario,
    pass,
    text:
      `${scenario}: ${e.label} ${int(throughput(e))} req/s (${s2(e.collectMs)}${medianOfN(e)}) = **${pct1(ofBest)}** of the best fixed setting, ${best.label} ${int(throughput(best))} req/s (${s2(best.collectMs)}${medianOfN(best)}) (goal ≥ ${pct1(LOAD_GOAL.ofBestFixed)}), ` +
      `**${overSdk.toFixed(2)}×** ${sdk.label}'s ${int(throughput(sdk))} req/s (${s2(sdk.collectMs)}${medianOfN(sdk)}) (goal ≥ ${LOAD_GOAL.overSdk}×); limiter settled on ${settledOn(e)} — ${verdict(pass)}`,
  };
}

function random429Line(report: Report, scenario: string): GoalLine {
  const sc = report.scenarios.find((s) => s.id === scenario)!;
  const e = report.runs.find((r) => r.scenario === scenario && r.contender === 'engine-default');
  // Its own clean runs, alternating with its samples, where the bench made them; else the twin scenario's.
  const paired = ok(e?.cleanPair);
  const clean = paired ? e!.cleanPair : report.runs.find((r) => r.scenario === sc.cleanTwin && r.contender === 'engine-default');
  if (!ok(e) || !ok(clean)) return { goal: 'random-429', scenario, pass: undefined, text: `${scenario}: the defaults were not measured both here and in ${sc.cleanTwin} — ${verdict(undefined)}` };
  const where = paired ? `on ${sc.cleanTwin}'s server (no faults), run alternately with these` : `in ${sc.cleanTwin}`;
  const ratio = throughput(e) / throughput(clean);
  const pass = ratio >= RANDOM_429_GOAL.ofClean;
  return {
    goal: 'random-429',
    scenario,
    pass,
    text:
      `${scenario}: ${e.label} ${int(throughput(e))} answered req/s (${s2(e.collectMs)}${medianOfN(e)}, ${pct1(e.throttled / Math.max(1, e.requests))} 429) = **${pct1(ratio)}** of its ${int(throughput(clean))} req/s ${where} (${s2(clean.collectMs)}${medianOfN(clean)}) (goal ≥ ${pct1(RANDOM_429_GOAL.ofClean)}); ` +
      `${e.limiter?.cuts ?? '?'} cuts, limiter settled on ${settledOn(e)} — ${verdict(pass)}`,
  };
}

export function goalLines(report: Report): GoalLine[] {
  const out: GoalLine[] = [];
  for (const s of report.scenarios) {
    if (s.kind === 'rate') out.push(rateLine(report, s.id));
    if (s.kind === 'overhead') out.push(overheadLine(report, s.id));
    if (s.kind === 'real-latency') out.push(realLatencyLine(report, s.id));
    if (s.kind === 'load') out.push(loadLine(report, s.id));
    if (s.kind === 'random-429') out.push(random429Line(report, s.id));
  }
  const ramp = rampLine(report);
  if (ramp) out.push(ramp);
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
    `The bench's goals, judged from this ${report.mode} run${report.mode === 'quick' ? ' (quick mode: smaller tenancies, see each scenario\'s note)' : ''}; nothing here is written by hand.`,
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
      `**Engine overhead** (${all(overhead)}): requests per second at zero latency ≥ ${OVERHEAD_GOAL.ratio}× the stock SDK in one thread with 20 in flight, requests/s over each one's collect time (each the median of several runs: single runs put the ratio anywhere in a band wider than its margin).`,
      '',
      ...overhead.map((l) => `- ${l.text}`),
      '',
    );
  }
  const more: [GoalLine['goal'], string][] = [
    ['real-latency', `**Real latency** (${'%s'}): at ${report.referenceLatencyMs} ms per call with no limit, the defaults within ${Math.round((REAL_LATENCY_GOAL.ofBestFixed - 1) * 100)} % of the best fixed setting tried and the whole collection in ≤ ${REAL_LATENCY_GOAL.maxSeconds} s (the reference tool: 2m6s).`],
    ['ramp', `**Ramp** (${'%s'}): the time to reach the knee, in round trips (a round trip: the mean of the answers before the knee), roughly constant whatever the latency.`],
    ['load', `**Latency that grows with load** (${'%s'}): the defaults ≥ ${pct1(LOAD_GOAL.ofBestFixed)} of the best fixed setting's throughput and ≥ ${LOAD_GOAL.overSdk}× the SDK pool's (each contender the median of several runs: its start-up alone moves a 5 s run by several points).`],
    ['random-429', `**Random 429s** (${'%s'}): with 5 % of requests throttled at random and no limit, ≥ ${pct1(RANDOM_429_GOAL.ofClean)} of the throughput of the same run without them (each the median of several runs, the two kinds run alternately: a round trip more or less at the end of a 3 s run, or the machine's drift between two scenarios, moves the ratio by several points).`],
  ];
  for (const [goal, intro] of more) {
    const ls = lines.filter((l) => l.goal === goal);
    if (ls.length) out.push(intro.replace('%s', all(ls)), '', ...ls.map((l) => `- ${l.text}`), '');
  }
  return out.join('\n');
}
