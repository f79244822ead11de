import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';

// A disk whose writeback fails makes fsync fail (EIO): the journal --resume depends on may be lost, so
// the run fails like any other disk error, in one line, instead of carrying on without a record.

const FAIL_FSYNC = fileURLToPath(new URL('./fixtures/fail-journal-fsync.mjs', import.meta.url));

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 300, latencyMs: 10, seed: 8 });
});
after(() => f.sim.close());

test('a failing journal fsync fails the run: one line naming the journal, exit 1, no outputs published', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--quiet', '--threads', '1', '--concurrency', '2', '--no-adaptive'), {
    NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${FAIL_FSYNC}`,
  });
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^oci-growth: could not write \.oci-growth-journal\.jsonl in .*I\/O error \(EIO\)/);
  assert.deepEqual(readdirSync(out).filter((n) => !n.startsWith('.')), [], 'partial results are not published as a run');
});
