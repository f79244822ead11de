import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readSnapshot, runCli, spawnCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { journaled, waitForJournal } from './helpers/journal.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';
import { assertGovernanceMatches } from './helpers/governance-truth.js';

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 400, latencyMs: 8, seed: 5 });
});
after(() => f.sim.close());

const SLOW = ['--threads', '2', '--concurrency', '1', '--no-adaptive', '--progress', 'lines'];

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal}: what was collected is written, marked incomplete, exit ${code}; --resume completes it`, async () => {
    const out = tmp();
    const run = spawnCli(f.args(out, ...SLOW));
    await waitForJournal(out, 50);
    run.child.kill(signal);
    const r = await run.done;
    assert.equal(r.code, code, r.stderr);
    const snap = readSnapshot(out);
    assert.equal(snap['metadata']['complete'], false);
    assert.equal(snap['metadata']['interrupted'], true);
    assert.match(readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8'), /INTERRUPTED/);
    assert.match(r.stderr, /--resume/);
    // Every compartment is accounted for: collected (journaled, in the CSV) or named as cancelled.
    const collected = new Set(readCsv(out, 'tag_defaults.csv').map((d) => d['compartment_id']));
    const cancelled = readCsv(out, 'failures.csv').filter((x) => x['service_code'] === 'Cancelled' && x['phase'] === 'tag_defaults').map((x) => x['scope_id']);
    assert.ok(cancelled.length > 0, 'some scopes were cut off');
    const done = journaled(out);
    assert.equal(done.size + cancelled.length, 401, 'journaled + cancelled = every compartment');
    for (const id of collected) assert.ok(done.has(id), 'a compartment in the CSV is in the journal');
    // Analysed only where known: cancelled compartments' subtrees have no effective defaults.
    assertGovernanceMatches(f.sim, out);

    const resumed = await runCli(f.args(out, '--resume', '--quiet'));
    assert.equal(resumed.code, 0, resumed.stderr);
    assertMatchesGroundTruth(f.sim, out);
  });
}

test('a second Ctrl-C exits at once and leaves a journal that resumes', async () => {
  const out = tmp();
  const run = spawnCli(f.args(out, '--threads', '1', '--concurrency', '1', '--no-adaptive', '--quiet'));
  await waitForJournal(out, 30);
  run.child.kill('SIGINT');
  run.child.kill('SIGINT');
  const r = await run.done;
  assert.equal(r.code, 130);
  const resumed = await runCli(f.args(out, '--resume', '--quiet'));
  assert.equal(resumed.code, 0, resumed.stderr);
  assertMatchesGroundTruth(f.sim, out);
});
