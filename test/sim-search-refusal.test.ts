import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { failure, identityClient, searchAll, searchClient } from './sim-client.js';

// A region whose Search refuses the caller (no permission there, or a region not yet enabled for
// the user): every call fails the same way, other regions and Identity answer normally.

describe('simulator Search refusal in one region', () => {
  let sim: Simulator | undefined;
  afterEach(() => sim?.close());

  for (const [status, code] of [
    [401, 'NotAuthenticated'],
    [404, 'NotAuthorizedOrNotFound'],
  ] as const) {
    it(`answers ${status} ${code} in the refusing region only`, async () => {
      sim = await startSimulator({ compartments: 5, searchRefusal: { region: 'us-phoenix-1', status } });
      assert.deepEqual(sim.groundTruth.searchRefusal, { region: 'us-phoenix-1', status });
      const e = await failure(searchAll(searchClient(sim, { region: 'us-phoenix-1' }), sim.tenancyId));
      assert.equal(e.statusCode, status);
      assert.equal(e.serviceCode, code);
      const ok = await searchAll(searchClient(sim, { region: 'eu-frankfurt-1' }), sim.tenancyId);
      assert.deepEqual(
        ok.items.map((r) => r.identifier),
        sim.serviceTruth.resources('eu-frankfurt-1').filter((r) => r.compartmentId === sim!.tenancyId).map((r) => r.identifier),
      );
      await identityClient(sim, { region: 'us-phoenix-1' }).getTenancy({ tenancyId: sim.tenancyId });
      assert.equal(sim.stats().byRoute['SearchResources']!.statuses[String(status)], 1);
    });
  }

  it('refuses an option naming a region not subscribed', async () => {
    await assert.rejects(startSimulator({ compartments: 2, searchRefusal: { region: 'ap-tokyo-1', status: 401 } }), /subscribed region/);
  });
});
