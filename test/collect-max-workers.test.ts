import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';

// --max-workers-compartments is what the reference tool means by it: requests in flight in total,
// whatever the number of threads (per API endpoint: Identity's alone here). The simulator counts what
// it had in flight at once.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 40, latencyMs: 15, seed: 5 });
});
after(() => f.sim.close());

for (const [threads, total] of [
  ['4', 1],
  ['2', 3],
] as const) {
  test(`--max-workers-compartments ${total} on ${threads} threads keeps ${total} in flight at most`, async () => {
    f.sim.resetStats();
    const r = await runCli(f.args(tmp(), '--threads', threads, '--max-workers-compartments', String(total), '--no-resources', '--no-cost', '--quiet'));
    assert.equal(r.code, 0, r.stderr);
    const stats = f.sim.stats();
    assert.ok(stats.requests > 40);
    assert.ok(stats.maxInFlight <= total, `${stats.maxInFlight} in flight at once`);
  });
}
