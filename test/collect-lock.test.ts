import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from '../src/output/index.js';
import { runCli, simFixture, spawnCli, tmp, type SimFixture } from './helpers/cli.js';
import { waitForJournal } from './helpers/journal.js';

// One run per output directory: a second run into a directory another run is writing is refused in
// one line (exit 2) before it touches anything; the lock of a run that no longer runs is taken over.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 300, latencyMs: 30, seed: 5 });
});
after(() => f.sim.close());

test('a second run into a directory being written is refused; a killed run\'s lock is taken over', async () => {
  const out = tmp();
  const first = spawnCli(f.args(out, '--threads', '1', '--concurrency', '2', '--no-adaptive', '--quiet'));
  await waitForJournal(out, 5);
  const lock = JSON.parse(readFileSync(join(out, LOCK_FILE), 'utf8'));
  assert.equal(lock.pid, first.child.pid);

  const second = await runCli(f.args(out, '--resume', '--quiet'));
  assert.equal(second.code, 2, second.stderr);
  assert.equal(second.stderr.trim().split('\n').length, 1, second.stderr);
  assert.match(second.stderr, new RegExp(`another oci-growth run \\(pid ${first.child.pid} `));

  first.child.kill('SIGKILL');
  await first.done;
  assert.ok(existsSync(join(out, LOCK_FILE)), 'a killed run leaves its lock');
  const resumed = await runCli(f.args(out, '--resume', '--quiet'));
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.ok(!existsSync(join(out, LOCK_FILE)), 'released at the end of the run');
});

test('a torn lock file (a run that died writing it) does not block the next run', async () => {
  const out = tmp();
  writeFileSync(join(out, LOCK_FILE), '{"pid":');
  const r = await runCli(f.args(out, '--quiet'));
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(join(out, LOCK_FILE)));
});
