import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { journaled } from './helpers/journal.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

// A real full disk: a tiny tmpfs. Needs root (to mount), as CI has: without it the test fails rather
// than skips, since a skip would count as a pass.
let f: SimFixture;
const mnt = join(tmp('oci-growth-full-'), 'disk');
let mounted = false;
let mountError = '';

before(async () => {
  f = await simFixture({ compartments: 600, seed: 17, latencyMs: 1 });
  mkdirSync(mnt, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt], { stdio: ['ignore', 'ignore', 'pipe'] });
    mounted = true;
  } catch (e) {
    mountError = String((e as { stderr?: Buffer }).stderr ?? e).trim();
  }
});
after(async () => {
  await f.sim.close();
  if (mounted) execFileSync('umount', [mnt]);
});

test('disk full while writing: one line naming the file, exit 1, no half-written outputs; --resume finishes after space is freed', async () => {
  assert.ok(mounted, `this test needs root to mount a 1 MB tmpfs at ${mnt} (run the suite as root, as CI does): ${mountError}`);
  const out = join(mnt, 'out');
  const r = await runCli(f.args(out, '--quiet', '--threads', '1', '--concurrency', '4', '--no-adaptive'));
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^oci-growth: could not write \S+ in .*no space left on device \(ENOSPC\); free space and run again with --resume$/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  // No final file appeared, no temporary file is left, and what was collected is in the journal.
  const left = readdirSync(out);
  assert.deepEqual(left.filter((n) => !n.startsWith('.')), []);
  assert.deepEqual(left.filter((n) => n.endsWith('.tmp')), []);
  const kept = journaled(out);
  assert.ok(existsSync(join(out, '.oci-growth-journal.jsonl')));
  assert.ok(kept.size > 0, 'some compartments were collected before the disk filled');

  // Room for everything: resources, their tags and cost by tag too, and the journal holding them all.
  execFileSync('mount', ['-o', 'remount,size=96m', mnt]);
  const before = f.sim.stats().tagDefaultsRequestsByCompartment;
  const resumed = await runCli(f.args(out, '--quiet', '--resume'));
  assert.equal(resumed.code, 0, resumed.stderr);
  assertMatchesGroundTruth(f.sim, out);
  const afterStats = f.sim.stats().tagDefaultsRequestsByCompartment;
  for (const id of kept) assert.equal(afterStats[id], before[id], 'collected before the disk filled, not fetched again');
});
