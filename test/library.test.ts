import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { collect, startSimulator, isUsageError, type Simulator } from '../src/index.js';
import { tmp } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

// The package's entry as a program uses it: collect() in this process, its real threads and HTTP,
// against the simulator started through the same entry.

let sim: Simulator;
let cfg: { configFile: string; profile: string };
before(async () => {
  sim = await startSimulator({ compartments: 60, latencyMs: 2, seed: 11 });
  cfg = await sim.writeConfig(tmp('oci-growth-cfg-'));
});
after(() => sim.close());

test('collect() writes the whole tenancy and resolves with the run summary', async () => {
  const outputDir = tmp();
  const progress: string[] = [];
  const summary = await collect({ ...cfg, endpoint: `${sim.url}/{region}`, outputDir, threads: 2, onProgress: (p) => progress.push(p.phase) });
  assert.equal(summary.complete, true);
  assert.equal(summary.exitCode, 0);
  assert.equal(summary.interrupted, false);
  assert.equal(summary.outputDir, outputDir);
  assert.equal(summary.tenancyId, sim.tenancyId);
  assert.equal(summary.counts['compartments'], 61);
  assert.equal(summary.counts['tag_defaults'], sim.groundTruth.tagDefaults.length);
  assert.ok(summary.files.length >= 6);
  for (const f of summary.files) assert.ok(f.startsWith(outputDir) && existsSync(f), f);
  assertMatchesGroundTruth(sim, outputDir);
  assert.ok(progress.includes('tag_defaults'), 'progress reported through the callback');
});

test("collect() leaves the calling program's V8 GC tuning alone", async () => {
  // The CLI keeps V8's young generation from growing, with a flag that is process-wide: were the pool
  // threads to set it in a program that only calls collect(), that program's young generation could
  // no longer grow. A program of its own, whose young generation may grow to 64 MB a half.
  const script = `
    import v8 from 'node:v8';
    import { collect } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).href)};
    await collect(${JSON.stringify({ ...cfg, endpoint: sim.url, outputDir: tmp(), threads: 2, resources: false, cost: false })});
    let keep = [];
    for (let i = 0; i < 2e7; i++) { keep.push({ i }); if (keep.length > 300000) keep = []; }
    console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`;
  const file = join(tmp(), 'caller.mjs');
  writeFileSync(file, script);
  const { stdout } = await promisify(execFile)(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', file]);
  const newSpace = Number(stdout.trim().split('\n').pop());
  assert.ok(newSpace > 64 << 20, `the caller's young generation grew past 64 MB after collect() (${newSpace >> 20} MB)`);
});

test('an aborted signal ends the run early, written and marked incomplete', async () => {
  const outputDir = tmp();
  const controller = new AbortController();
  controller.abort();
  const summary = await collect({ ...cfg, endpoint: sim.url, outputDir, signal: controller.signal });
  assert.equal(summary.interrupted, true);
  assert.equal(summary.complete, false);
  assert.equal(summary.exitCode, 3);
  assert.ok(existsSync(join(outputDir, 'growth_collection_summary.txt')));
});

test('bad options reject with a UsageError naming the option, not a CLI flag', async () => {
  const used = tmp();
  await collect({ ...cfg, endpoint: sim.url, outputDir: used, resources: false });
  const cases: [Parameters<typeof collect>[0], RegExp][] = [
    [{ concurrency: 0 }, /^concurrency must be a positive integer/],
    [{ threads: 2.5 }, /^threads must be a positive integer/],
    [{ maxWorkersCompartments: -1 }, /^maxWorkersCompartments must be a positive integer/],
    [{ retries: -1 }, /^retries must be an integer ≥ 0/],
    [{ timeout: 0 }, /^timeout must be a positive number/],
    [{ endpoint: 'identity dot oracle' }, /^endpoint "identity dot oracle" is not a URL/],
    [{ endpoint: 'http://192.0.2.7:8080' }, /^endpoint http:\/\/192\.0\.2\.7:8080 is plain http.*insecureEndpoint/],
    [{ resume: true, force: true }, /^resume continues the earlier run, force discards it/],
    // Found deeper down (the profile, the output directory): named the same way.
    [{ profile: 'NOPE' }, /^profile "NOPE" not found in .*; pass profile$/],
    [{ endpoint: sim.url, outputDir: used }, /already holds the outputs of an earlier run .*; pass force to replace them/],
  ];
  for (const [options, message] of cases) {
    const error = await collect({ ...cfg, outputDir: tmp(), ...options }).then(
      () => assert.fail(`accepted ${JSON.stringify(options)}`),
      (e: unknown) => e,
    );
    assert.ok(isUsageError(error), `${JSON.stringify(options)}: ${String(error)}`);
    assert.match((error as Error).message, message);
    assert.doesNotMatch((error as Error).message, /--/);
  }
});
