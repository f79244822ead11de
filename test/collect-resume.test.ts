import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, spawnCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { journaled, waitForJournal } from './helpers/journal.js';
import { between, seededRandom } from './helpers/seed.js';
import { JOURNAL_FILE } from '../src/collect/journal.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 500, latencyMs: 8, seed: 21 });
});
after(() => f.sim.close());

// Slow enough to be killed mid-phase: one thread, two calls in flight, 8 ms a call.
const SLOW = ['--threads', '1', '--concurrency', '2', '--no-adaptive', '--quiet'];

/** Starts a run and kills it (SIGKILL) once its journal holds `n` collected scopes. */
async function killedAfter(out: string, n: number, ...more: string[]) {
  const run = spawnCli(f.args(out, ...SLOW, ...more));
  await waitForJournal(out, n);
  run.child.kill('SIGKILL');
  return run.done;
}

/** A resume fetched exactly the scopes missing from the journal (`done`), none of those in it. */
function assertFetchedOnlyMissing(before: Record<string, number>, done: Set<string>): void {
  const afterStats = f.sim.stats().tagDefaultsRequestsByCompartment;
  for (const id of done) assert.equal(afterStats[id], before[id], `scope ${id} was journaled by an earlier run and fetched again`);
  const refetched = Object.keys(afterStats).filter((id) => afterStats[id] !== before[id]);
  assert.equal(refetched.length, 501 - done.size, 'exactly the scopes missing from the journal were fetched');
}

test('a run killed with SIGKILL resumes: journaled scopes are not fetched again, files equal an uninterrupted run', async (t) => {
  const rng = seededRandom(t);
  const out = tmp();
  assert.equal((await killedAfter(out, between(rng, 60, 180))).signal, 'SIGKILL');

  const done = journaled(out);
  const before = f.sim.stats().tagDefaultsRequestsByCompartment;
  const resumed = await runCli(f.args(out, '--resume', '--json'));
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).complete, true);
  assertMatchesGroundTruth(f.sim, out);
  assertFetchedOnlyMissing(before, done);

  const fresh = tmp();
  assert.equal((await runCli(f.args(fresh, '--quiet'))).code, 0);
  for (const file of ['compartments.csv', 'tag_namespaces.csv', 'tag_definitions.csv', 'tag_defaults.csv', 'failures.csv'])
    assert.equal(readFileSync(join(out, file), 'utf8'), readFileSync(join(fresh, file), 'utf8'), file);
});

/** Cuts the journal's last line short, as a kill in the middle of a large entry's writes leaves it. */
function tearTail(dir: string, rng: () => number): void {
  const file = join(dir, JOURNAL_FILE);
  const text = readFileSync(file);
  const end = text[text.length - 1] === 0x0a ? text.length - 1 : text.length;
  const start = text.lastIndexOf(0x0a, end - 1) + 1;
  truncateSync(file, start + between(rng, 1, end - start));
}

test('a torn journal tail: resumed, killed again, resumed again — nothing the first resume fetched is fetched twice', async (t) => {
  const rng = seededRandom(t);
  const out = tmp();
  await killedAfter(out, between(rng, 60, 180));
  tearTail(out, rng);

  const torn = journaled(out);
  await killedAfter(out, torn.size + between(rng, 40, 120), '--resume');
  const done = journaled(out);
  assert.ok(done.size > torn.size, 'the first resume journaled its work');

  const before = f.sim.stats().tagDefaultsRequestsByCompartment;
  const second = await runCli(f.args(out, '--resume', '--json'));
  assert.equal(second.code, 0, second.stderr);
  assert.equal(JSON.parse(second.stdout).complete, true);
  assertMatchesGroundTruth(f.sim, out);
  assertFetchedOnlyMissing(before, done);
});

test('a new run refuses a directory holding an unfinished run; --resume refuses another tenancy', async () => {
  const out = tmp();
  const run = spawnCli(f.args(out, ...SLOW));
  await waitForJournal(out, 20);
  run.child.kill('SIGKILL');
  await run.done;
  const again = await runCli(f.args(out));
  assert.equal(again.code, 2);
  assert.match(again.stderr, /unfinished run: --resume to continue it, or --force to start over/);

  const other = await simFixture({ compartments: 10, seed: 99 });
  try {
    const wrong = await runCli(other.args(out, '--resume'));
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /cannot resume: the run in this directory collected tenancy/);
  } finally {
    await other.sim.close();
  }
  assert.equal((await runCli(f.args(tmp(), '--resume'))).code, 2, 'nothing to resume in an empty directory');
});
