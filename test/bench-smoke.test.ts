// The bench end to end on a tiny tenancy (simulator and contenders as real child processes), and its
// correctness check on tampered results: a bench that cannot tell a wrong result from a right one
// would report a wrong-but-fast engine as a win.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { medianOf, runBench } from '../bench/lib/bench.js';
import { checkCollected, type GroundTruth } from '../bench/lib/check.js';
import type { Collected } from '../bench/lib/collected.js';
import { contenderById, type Contender } from '../bench/lib/contenders.js';
import { boundFor, type RunRecord } from '../bench/lib/metrics.js';
import type { Scenario } from '../bench/lib/scenarios.js';
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
  };
  const report = await runBench({ mode: 'full', scenarios: [scenario], contenders: [contenderById('sdk-sequential'), pool, tampered], warmup: false });

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
  assert.ok(ok!.derived.speedup !== undefined && ok!.derived.bound !== undefined && ok!.derived.efficiency !== undefined);
  assert.ok(ok!.cpuMs! > 0 && ok!.maxRssKb! > 0);
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
