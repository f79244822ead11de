import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { failure, identityClient, signedFetch } from './sim-client.js';

// Region subscriptions, and the /<region>/ path prefix every API answers under.

describe('simulator regions', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 10, regions: 4 });
  });
  after(() => sim.close());

  it('lists the subscribed regions through the SDK, home region first', async () => {
    const r = await identityClient(sim).listRegionSubscriptions({ tenancyId: sim.tenancyId });
    assert.deepEqual(
      r.items.map((x) => [x.regionName, x.regionKey, x.status, x.isHomeRegion]),
      [
        ['us-ashburn-1', 'IAD', 'READY', true],
        ['us-phoenix-1', 'PHX', 'READY', false],
        ['eu-frankfurt-1', 'FRA', 'READY', false],
        ['uk-london-1', 'LHR', 'READY', false],
      ],
    );
    assert.deepEqual(sim.groundTruth.regions, r.items);
  });

  it('answers 404 for another tenancy', async () => {
    const e = await failure(identityClient(sim).listRegionSubscriptions({ tenancyId: 'ocid1.tenancy.oc1..other' }));
    assert.equal(e.statusCode, 404);
  });

  it('serves Identity under a subscribed region prefix too, and 404 under one not subscribed', async () => {
    const viaRegion = await identityClient(sim, { region: 'eu-frankfurt-1' }).getTenancy({ tenancyId: sim.tenancyId });
    assert.equal(viaRegion.tenancy.id, sim.tenancyId);
    const r = await signedFetch(sim, { path: `/ap-tokyo-1/20160918/tenancies/${sim.tenancyId}` });
    assert.equal(r.status, 404);
  });

  it('defaults to three regions and makes another home region first', async () => {
    const other = await startSimulator({ compartments: 2, region: 'eu-frankfurt-1' });
    try {
      assert.deepEqual(
        other.regions.map((x) => [x.regionName, x.isHomeRegion]),
        [
          ['eu-frankfurt-1', true],
          ['us-ashburn-1', false],
          ['us-phoenix-1', false],
        ],
      );
    } finally {
      await other.close();
    }
  });
});
