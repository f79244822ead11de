import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';

// The compartments file is written while the tag defaults' first requests are already out: its failure
// must still fail the run, at once and in one line, not be found (or lost) only when the run ends.

const FULL_COMPARTMENTS = fileURLToPath(new URL('./fixtures/full-compartments-csv.mjs', import.meta.url));

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 300, latencyMs: 10, seed: 8 });
});
after(() => f.sim.close());

test('the compartments file failing to write stops the run: one line naming it, exit 1, nothing published', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--quiet', '--threads', '1', '--concurrency', '2', '--no-adaptive', '--no-resources', '--no-cost'), {
    NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${FULL_COMPARTMENTS}`,
  });
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^oci-growth: could not write compartments\.csv in .*\(ENOSPC\); free space and run again with --resume$/);
  assert.deepEqual(readdirSync(out).filter((n) => !n.startsWith('.')), [], 'partial results are not published as a run');
  // 301 listings two at a time at 10 ms take over a second; the failure comes within the first few.
  const asked = Object.keys(f.sim.stats().tagDefaultsRequestsByCompartment).length;
  assert.ok(asked < 301, `the run stopped when the write failed, not after every compartment (${asked} listed)`);
});
