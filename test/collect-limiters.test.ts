import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

// Rate limits are per service (and Search is regional): a throttled Search must not cut the rate or
// the concurrency of Identity's calls, each having a limiter of its own.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 60, latencyMs: 2, seed: 19, resourcesPerCompartment: 2, search: { rateLimit: { rps: 15, burst: 3 } } });
});
after(() => f.sim.close());

test('Search throttled, Identity not: only the Search limiters cut, and nothing is lost', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--json'));
  assert.equal(r.code, 0, r.stderr);
  const { limiters } = JSON.parse(r.stdout) as { limiters: Record<string, { throttles: number; cuts: number; sends: number }> };
  assert.deepEqual(Object.keys(limiters).sort(), ['identity', 'search:eu-frankfurt-1', 'search:us-ashburn-1', 'search:us-phoenix-1', 'usage']);
  const search = Object.entries(limiters).filter(([k]) => k.startsWith('search:'));
  assert.ok(search.some(([, l]) => l.throttles > 0), 'the Search limit was hit');
  assert.equal(limiters['identity']!.throttles, 0);
  assert.equal(limiters['identity']!.cuts, 0, 'Identity was never slowed down');
  assert.ok(limiters['identity']!.sends >= 61, 'every tag-default call went through the Identity limiter');
  assertMatchesGroundTruth(f.sim, out);
});
