import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { ANY, failure, identityClient } from './sim-client.js';

// "Forbidden" compartments: listed like any other, but ListTagDefaults there always answers 404.

describe('simulator forbidden compartments', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 50, forbidden: 3, tagDefaultFraction: 1 });
  });
  after(() => sim.close());

  it('answers 404 NotAuthorizedOrNotFound for their tag defaults, every time, and counts the attempts', async () => {
    const client = identityClient(sim);
    const [id] = sim.groundTruth.forbiddenCompartmentIds;
    for (let i = 0; i < 3; i++) {
      const e = await failure(client.listTagDefaults({ compartmentId: id! }));
      assert.equal(e.statusCode, 404);
      assert.equal(e.serviceCode, 'NotAuthorizedOrNotFound');
    }
    assert.equal(sim.stats().tagDefaultsRequestsByCompartment[id!], 3);
    assert.equal(sim.stats().byRoute['ListTagDefaults']!.statuses['404'], 3);
  });

  it('still lists them as compartments (isAccessible false) and keeps their defaults in the ground truth', async () => {
    const client = identityClient(sim);
    const forbidden = new Set(sim.groundTruth.forbiddenCompartmentIds);
    const all = await client.listCompartments({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true, accessLevel: ANY });
    const listed = all.items.filter((c) => forbidden.has(c.id));
    assert.equal(listed.length, 3);
    assert.ok(listed.every((c) => c.isAccessible === false));
    const accessible = await client.listCompartments({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true, accessLevel: 'ACCESSIBLE' as never });
    assert.equal(accessible.items.filter((c) => forbidden.has(c.id)).length, 0);
    assert.ok(sim.groundTruth.tagDefaults.some((d) => forbidden.has(d.compartmentId)));
  });

  it('other compartments answer normally', async () => {
    const ok = sim.groundTruth.compartments.find((c) => !sim.groundTruth.forbiddenCompartmentIds.includes(c.id))!;
    const r = await identityClient(sim).listTagDefaults({ compartmentId: ok.id });
    assert.ok(r.items.length >= 1);
  });
});
