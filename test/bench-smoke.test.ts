// The bench end to end on a tiny tenancy (simulator and contenders as real child processes), and its
// correctness check on tampered results: a bench that cannot tell a wrong result from a right one
// would report a wrong-but-fast engine as a win.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { medianOf, runBench, timeoutFor, type Report } from '../bench/lib/bench.js';
import { checkCollected, type GroundTruth } from '../bench/lib/check.js';
import type { Collected } from '../bench/lib/collected.js';
import { contenderById, type Contender } from '../bench/lib/contenders.js';
import { goalLines, goalsMarkdown } from '../bench/lib/goals.js';
import { boundFor, derive, type RunRecord } from '../bench/lib/metrics.js';
import { resolveScenario, SCENARIOS, type Scenario, type SimSpec } from '../bench/lib/scenarios.js';
import { writeReport } from '../bench/lib/write.js';

const truth: GroundTruth = {
  tenancy: { id: 'root' },
  compartments: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }],
  tagNamespaces: [{ id: 'ns1' }],
  tagDefinitions: [{ id: 'd1' }, { id: 'd2' }],
  tagDefaults: [
    { id: 'td-root', compartmentId: 'root', value: 'a' },
    { id: 'td-c1', compartmentId: 'c1', value: 'b' },
    { id: 'td-c3', compartmentId: 'c3', value: 'hidden' },
  ],
  forbiddenCompartmentIds: ['c3'],
};

const right = (): Collected => ({
  compartments: ['root', 'c1', 'c2', 'c3'],
  tagNamespaces: ['ns1'],
  tagDefinitions: ['d1', 'd2'],
  tagDefaults: [
    { id: 'td-root', compartmentId: 'root', value: 'a' },
    { id: 'td-c1', compartmentId: 'c1', value: 'b' },
  ],
  failures: [{ phase: 'tag_defaults', scopeId: 'c3', httpStatus: 404 }],
});

test('check: a complete result passes; a forbidden compartment is a failure, not missing data', () => {
  assert.deepEqual(checkCollected(truth, right()), { ok: true, problems: [] });
});

test('check: every kind of tampering is caught', () => {
  const cases: [string, (c: Collected) => void, RegExp][] = [
    ['missing compartment', (c) => c.compartments.splice(1, 1), /compartments: 1 of 4 missing/],
    ['root missing', (c) => c.compartments.shift(), /compartments: 1 of 4 missing \(root\)/],
    ['invented namespace', (c) => c.tagNamespaces.push('ns-x'), /tag namespaces: 1 not in the tenancy/],
    ['duplicated definition', (c) => c.tagDefinitions.push('d1'), /tag definitions: 1 duplicated/],
    ['missing default', (c) => c.tagDefaults.pop(), /tag defaults: 1 of 2 missing/],
    ['wrong value', (c) => (c.tagDefaults[0]!.value = 'z'), /wrong value/],
    ['forbidden dropped silently', (c) => (c.failures = []), /forbidden compartments not reported/],
    ['unexpected failure', (c) => c.failures.push({ phase: 'tag_defaults', scopeId: 'c2', httpStatus: 429 }), /1 unexpected .*HTTP 429/],
  ];
  for (const [name, tamper, expected] of cases) {
    const got = right();
    tamper(got);
    const r = checkCollected(truth, got);
    assert.equal(r.ok, false, name);
    assert.match(r.problems.join('\n'), expected, name);
  }
});

test('bounds: latency L·(P + (N−P)/C), rate (N − burst)/R, whichever is larger', () => {
  assert.equal(boundFor({ latencyMs: 10 }, 1, 100, 2).ms, 1000);
  assert.equal(boundFor({ latencyMs: 10 }, 10, 102, 2).ms, 10 * (2 + 10));
  const rated = boundFor({ latencyMs: 10, rateLimit: { rps: 50, burst: 10 } }, 10, 110, 1);
  assert.equal(rated.kind, 'rate');
  assert.equal(rated.ms, 2000);
});

test('bounds: where latency grows with load, the best concurrency up to C bounds the parallel part', () => {
  // 10 ms + 2 ms per other request in flight: c/(10 + 2(c−1)) grows with c, so c = C is best.
  const sim = { latencyMs: 10, latencyPerInFlightMs: 2 };
  assert.equal(boundFor(sim, 4, 101, 1).ms, 10 + 100 * (16 / 4));
  // 1 ms + 5 ms per other: one at a time is best (1 ms each), more in flight only hurts.
  assert.equal(boundFor({ latencyMs: 1, latencyPerInFlightMs: 5 }, 8, 11, 1).ms, 11);
});

const rec = (over: Partial<RunRecord>): RunRecord => ({
  ...{ scenario: 's', contender: 'c', label: 'c', kind: 'engine', status: 'ok', problems: [], inFlight: 64, threads: 2, wallMs: 11_000 },
  ...{ requests: 215, throttled: 10, compartmentPages: 3, derived: {}, notes: [] },
  ...over,
});

/** A full bench report holding these scenarios and runs, on a 2-core machine. */
const reportOf = (scenarios: Report['scenarios'], runs: RunRecord[]): Report => ({
  mode: 'full',
  startedAt: '',
  finishedAt: '',
  machine: { cpuModel: 'x', cores: 2, logicalCpus: 2, memoryGiB: 1, os: 'x', node: 'v20' },
  referenceLatencyMs: 390,
  scenarios,
  runs,
  baselines: [],
});

test('rate: % of R is (answered − burst) over the collect time less the serial pages, ÷ R', () => {
  const sim = { latencyMs: 20, rateLimit: { rps: 20, burst: 5 } };
  // 205 answered − 5 burst = 200 in 10,060 − 3 × 20 ms = 10 s: exactly R.
  const d = derive(rec({ collectMs: 10_060, load: { areaMs: 4_100, begun: 215, ended: 215, firstBeginMs: 500, lastEndMs: 8_560, atMs: 11_000 } }), sim, undefined);
  assert.equal(d.rate?.answered, 205);
  assert.equal(d.rate?.ofR, 1);
  assert.equal(d.rate?.throttledFraction, 10 / 215);
  assert.equal(d.rate?.ofRServer, 200 / 8 / 20);
  // Measured in the simulator: ∫ in flight dt / collect time, and / requests for the latency it gave.
  assert.equal(d.avgInFlight, 4_100 / 10_060);
  assert.equal(d.serverLatencyMs, 4_100 / 215);
  // A run on a rate-limited server is stopped at a few times its rate bound, not a sequential client's time.
  const r200 = { latencyMs: 20, rateLimit: { rps: 200, burst: 20 } };
  assert.equal(timeoutFor(r200, 2000), 15_000 + 3 * ((2015 - 20) / 200) * 1000);
  assert.equal(timeoutFor(r200, 2000, 'quick'), 10_000 + 2 * ((2015 - 20) / 200) * 1000);
});

test('goals: one judged line per rate scenario and for the overhead, FAIL said plainly', () => {
  const sim = { latencyMs: 20, rateLimit: { rps: 20, burst: 5 } };
  const run = (scenario: string, contender: string, over: Partial<RunRecord>, s: SimSpec = sim): RunRecord => {
    const r = rec({ scenario, contender, label: contender, ...over });
    r.derived = derive(r, s, undefined);
    return r;
  };
  const report = reportOf(
    [
      { id: 'rate-20', title: '', why: '', kind: 'rate', sim },
      { id: 'rate-50', title: '', why: '', kind: 'rate', sim: { ...sim, rateLimit: { rps: 50, burst: 5 } } },
      { id: 'rate-200', title: '', why: '', kind: 'rate', sim: { ...sim, rateLimit: { rps: 200, burst: 20 } } },
      { id: 'overhead', title: '', why: '', kind: 'overhead', sim: { latencyMs: 0 } },
    ],
    [
      run('rate-20', 'engine-default', { collectMs: 10_060, limiter: { limit: 2.4, maxLimit: 64, rate: 19.6, cuts: 3 } }),
      // Too many 429s; and a run that lost data, whatever its rate.
      run('rate-50', 'engine-default', { collectMs: 4_060, throttled: 30 }, { ...sim, rateLimit: { rps: 50, burst: 5 } }),
      run('rate-200', 'engine-default', { collectMs: 1_060, status: 'failed', problems: ['tag defaults: 3 of 200 missing'] }, { ...sim, rateLimit: { rps: 200, burst: 20 } }),
      run('overhead', 'sdk-pool-20', { requests: 20_000, throttled: 0, collectMs: 20_000 }, { latencyMs: 0 }),
      run('overhead', 'engine-default', { requests: 20_000, throttled: 0, collectMs: 7_000 }, { latencyMs: 0 }),
    ],
  );
  const lines = goalLines(report);
  assert.deepEqual(lines.map((l) => [l.scenario, l.pass]), [['rate-20', true], ['rate-50', false], ['rate-200', false], ['overhead', true]]);
  assert.match(lines[0]!.text, /100 % of R.*4\.7 % 429.*no loss.*limit 2\/64, 19\.6 req\/s — PASS$/);
  assert.match(lines[1]!.text, /FAIL\*\* \(more than 5\.0 % 429s\)/);
  assert.match(lines[2]!.text, /run FAILED.*3 of 200 missing.*FAIL\*\* \(lost data or did not finish\)/);
  assert.match(lines[3]!.text, /2,857 req\/s \(7\.00 s\) ÷ sdk-pool-20 1,000 req\/s \(20\.00 s\) = \*\*2\.86×\*\* \(goal ≥ 2\.5×\).* — PASS/);
  assert.match(goalsMarkdown(report), /^## Goals[\s\S]*\*\*Rate-limited\*\* \(\*\*FAIL\*\*\)[\s\S]*\*\*Engine overhead\*\* \(PASS\)/);
  // The overhead ratio's two contenders are medians of several runs, in both modes.
  const overhead = SCENARIOS.find((s) => s.id === 'overhead')!;
  for (const mode of ['full', 'quick'] as const) {
    const r = resolveScenario(overhead, mode)!;
    for (const id of ['sdk-pool-20', 'engine-default']) assert.ok(r.contenders.includes(id) && r.samples?.contenders.includes(id) && r.samples.times >= 3, `${mode}: ${id}`);
  }
  // A goal whose engine did not run is not judged, and does not pass.
  report.runs = report.runs.filter((r) => r.scenario !== 'rate-20');
  assert.equal(goalLines(report)[0]!.pass, undefined);
});

test('goals: load-latency is judged on every contender\'s median, and says so', () => {
  const scenario = SCENARIOS.find((s) => s.id === 'load-latency')!;
  // Every contender the goal compares runs several times, in both modes.
  for (const mode of ['full', 'quick'] as const) {
    const r = resolveScenario(scenario, mode)!;
    assert.ok(r.samples && r.samples.times >= 3, mode);
    assert.deepEqual(r.samples.contenders, r.contenders, mode);
  }
  const sim = scenario.sim;
  const run = (contender: string, kind: RunRecord['kind'], samples: number[]) =>
    rec({ scenario: 'load-latency', contender, label: contender, kind, requests: 2_000, throttled: 0, collectMs: medianOf(samples.map((collectMs) => rec({ collectMs }))).collectMs, samplesCollectMs: samples });
  const report = reportOf(
    [{ id: 'load-latency', title: '', why: '', kind: 'load', sim }],
    [
      // One lucky 4.0 s run of the defaults does not make it pass: its median, 5.0 s, is what counts.
      run('engine-default', 'engine', [4_000, 5_000, 5_100]),
      run('engine-2x64-fixed', 'engine', [4_500, 4_600, 6_000]),
      run('engine-2x128-fixed', 'engine', [4_000, 4_900, 4_950]),
      run('sdk-pool-20', 'sdk', [5_500, 5_600, 5_700]),
    ],
  );
  const [line] = goalLines(report);
  assert.equal(line!.pass, false);
  // The best fixed setting is the one with the best median (2×64's 4.6 s), not the best single run (2×128's 4.0 s).
  assert.match(line!.text, /engine-default 400 req\/s \(5\.00 s, median of 3: 4\.00 s–5\.10 s\) = \*\*92 %\*\* of the best fixed setting, engine-2x64-fixed 435 req\/s \(4\.60 s, median of 3/);
  assert.match(line!.text, /\*\*1\.12×\*\* sdk-pool-20's 357 req\/s \(5\.60 s, median of 3: 5\.50 s–5\.70 s\)/);
  assert.match(goalsMarkdown(report), /\*\*Latency that grows with load\*\* \(\*\*FAIL\*\*\): .*median of several runs/);
});

test('goals: random-429 is judged against its clean runs made alternately with it, where the bench made them', () => {
  const scenario = SCENARIOS.find((s) => s.id === 'random-429')!;
  const run = (scenarioId: string, samples: number[], throttled: number) =>
    rec({ scenario: scenarioId, contender: 'engine-default', label: 'engine-default', requests: 2_000 + throttled, throttled, collectMs: medianOf(samples.map((collectMs) => rec({ collectMs }))).collectMs, samplesCollectMs: samples });
  const faulted = run('random-429', [2_700, 2_800, 2_900], 100);
  // The twin scenario's own runs, minutes earlier, were faster than the ones made alongside.
  const twinScenario = run('seed-100ms', [2_400, 2_450, 2_500], 0);
  const report = reportOf(
    [
      { id: 'seed-100ms', title: '', why: '', sim: {} },
      { id: 'random-429', title: '', why: '', kind: 'random-429', cleanTwin: 'seed-100ms', sim: scenario.sim },
    ],
    [twinScenario, faulted],
  );
  const [before] = goalLines(report);
  assert.equal(before!.pass, false);
  assert.match(before!.text, /= \*\*88 %\*\* of its 816 req\/s in seed-100ms \(2\.45 s/);
  faulted.cleanPair = run('random-429', [2_550, 2_600, 2_650], 0);
  const [line] = goalLines(report);
  assert.equal(line!.pass, true);
  assert.match(line!.text, /= \*\*93 %\*\* of its 769 req\/s on seed-100ms's server \(no faults\), run alternately with these \(2\.60 s, median of 3: 2\.55 s–2\.65 s\)/);
});

test('repeat: the median sample is reported, and one failed sample fails the cell', () => {
  const run = (collectMs: number, status: RunRecord['status'] = 'ok'): RunRecord => ({
    ...{ scenario: 's', contender: 'c', label: 'c', kind: 'engine', inFlight: 1, threads: 1, requests: 1, throttled: 0, compartmentPages: 1 },
    ...{ status, problems: status === 'ok' ? [] : ['wrong'], wallMs: collectMs, collectMs, derived: {}, notes: [] },
  });
  assert.equal(medianOf([run(3), run(1), run(2)]).collectMs, 2);
  const mixed = medianOf([run(1), run(2, 'failed'), run(3)]);
  assert.equal(mixed.status, 'failed');
  assert.deepEqual(mixed.samplesCollectMs, [1, 2, 3]);
});

test('bench: tiny scenario end to end, a tampered contender is FAILED', { timeout: 60_000 }, async () => {
  const pool = contenderById('sdk-pool-20');
  // The same run as sdk-pool-20, with one tag default dropped from what it reports.
  const tampered: Contender = {
    ...pool,
    id: 'sdk-pool-tampered',
    label: 'SDK pool 20, one default dropped',
    collected: async (ctx) => {
      const c = await pool.collected(ctx);
      c.tagDefaults.pop();
      return c;
    },
  };
  const scenario: Scenario = {
    id: 'tiny',
    title: 'Tiny tenancy',
    why: 'smoke test',
    sim: { seed: 3, compartments: 50, forbidden: 2, latencyMs: 2 },
    contenders: ['sdk-sequential', 'sdk-pool-20', 'sdk-pool-tampered'],
    samples: { contenders: ['sdk-pool-20'], times: 2 },
  };
  // The same tenancy with faults, its samples alternating with runs on the tiny scenario's server.
  const faulted: Scenario = { ...scenario, id: 'tiny-429', sim: { ...scenario.sim, faults: { throttle: 0.2 }, faultSeed: 1 }, contenders: ['sdk-pool-20'], cleanTwin: 'tiny' };
  const report = await runBench({ mode: 'full', scenarios: [scenario, faulted], contenders: [contenderById('sdk-sequential'), pool, tampered], warmup: false });

  const paired = report.runs.find((r) => r.scenario === 'tiny-429')!;
  assert.equal(paired.status, 'ok', paired.problems.join('; '));
  assert.ok(paired.throttled > 0, 'the faulted server answered 429s');
  assert.equal(paired.cleanPair?.status, 'ok');
  assert.equal(paired.cleanPair?.throttled, 0, 'its pairs ran on the clean server');
  assert.equal(paired.cleanPair?.samplesCollectMs?.length, 2);
  report.scenarios = report.scenarios.filter((s) => s.id === 'tiny');
  report.runs = report.runs.filter((r) => r.scenario === 'tiny');

  assert.equal(report.scenarios.length, 1);
  assert.equal(report.scenarios[0]!.truth?.compartments, 51);
  assert.ok(report.machine.cores >= 1);
  const [seq, ok, bad] = report.runs;
  assert.equal(seq?.status, 'ok', seq?.problems.join('; '));
  assert.equal(ok?.status, 'ok', ok?.problems.join('; '));
  assert.equal(bad?.status, 'failed');
  assert.match(bad!.problems.join('\n'), /tag defaults: 1 of \d+ missing/);
  // Requests counted by the simulator: ListCompartments + ListTagNamespaces + 9 ListTags + 51 ListTagDefaults.
  assert.equal(ok!.requests, 1 + 1 + 9 + 51);
  assert.equal(ok!.failures, 2);
  // The scenario asks for two samples of the pool only: the median of both, each sample's time kept.
  assert.equal(ok!.samplesCollectMs?.length, 2);
  assert.equal(seq!.samplesCollectMs, undefined);
  assert.ok(ok!.derived.speedup !== undefined && ok!.derived.bound !== undefined && ok!.derived.efficiency !== undefined);
  assert.ok(ok!.cpuMs! > 0 && ok!.maxRssKb! > 0);
  // The simulator's own timing of the load (bench/lib/sim-server.ts): every request began and ended.
  assert.equal(ok!.load?.ended, ok!.requests);
  assert.ok(ok!.derived.serverLatencyMs! >= 2, `server latency ${ok!.derived.serverLatencyMs}`);
  assert.equal(bad!.derived.efficiency !== undefined, true, 'raw numbers are kept for a failed cell');

  const dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
  try {
    const files = await writeReport(report, dir);
    assert.match(files.text, /^\| SDK pool 20, one default dropped \|[^\n]*\| \*\*FAILED\*\* \|[^\n]*tag defaults: 1 of \d+ missing/m);
    assert.match(files.text, /1 of 3 runs FAILED/);
    assert.match(await readFile(files.chart, 'utf8'), /^<svg[\s\S]*FAILED[\s\S]*<\/svg>/);
    assert.equal((JSON.parse(await readFile(files.json, 'utf8')) as { runs: unknown[] }).runs.length, 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
