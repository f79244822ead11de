import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { ANY, allPages, failure, identityClient, signedFetch } from './sim-client.js';

// A small server page cap forces every listing across several pages: the SDK's own paging
// (opc-next-page → page) must reassemble exactly the ground truth.

const PAGE_CAP = 7;

describe('simulator pagination', () => {
  let sim: Simulator;
  let client: ReturnType<typeof identityClient>;
  before(async () => {
    sim = await startSimulator({ compartments: 40, deletedCompartments: 3, pageCap: PAGE_CAP });
    client = identityClient(sim);
  });
  after(() => sim.close());

  it('pages ListCompartments by the server cap, even when the client asks for 1000', async () => {
    const r = await allPages((page) =>
      client.listCompartments({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true, accessLevel: ANY, lifecycleState: 'ACTIVE' as never, limit: 1000, page }),
    );
    assert.deepEqual(r.items.map((c) => c.id), sim.groundTruth.compartments.map((c) => c.id));
    assert.equal(r.pages.length, Math.ceil(40 / PAGE_CAP));
    assert.ok(r.pages.slice(0, -1).every((n) => n === PAGE_CAP));
  });

  it('honours a limit smaller than the cap', async () => {
    const r = await allPages((page) => client.listCompartments({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true, limit: 3, page }));
    assert.equal(r.items.length, 43);
    assert.ok(r.pages.every((n) => n <= 3));
    assert.equal(new Set(r.items.map((c) => c.id)).size, 43);
  });

  it("works with the SDK's record iterator and pages the other listings", async () => {
    const ids: string[] = [];
    for await (const c of client.listCompartmentsRecordIterator({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true, accessLevel: ANY })) ids.push(c.id);
    assert.equal(ids.length, 43);
    const ns = await allPages((page) => client.listTagNamespaces({ compartmentId: sim.tenancyId, includeSubcompartments: true, page }));
    assert.equal(ns.items.length, sim.groundTruth.tagNamespaces.length);
    assert.ok(ns.pages.length >= 2);
    const perCompartment = new Map<string, number>();
    for (const d of sim.groundTruth.tagDefaults) perCompartment.set(d.compartmentId, (perCompartment.get(d.compartmentId) ?? 0) + 1);
    const [busiest, count] = [...perCompartment].sort((a, b) => b[1] - a[1])[0]!;
    assert.equal(count, 20, 'one compartment sits at the 20-default limit');
    const defaults = await allPages((page) => client.listTagDefaults({ compartmentId: busiest, page }));
    assert.deepEqual(defaults.pages, [7, 7, 6]);
  });

  it('refuses a page token from another listing, and a forged one', async () => {
    const first = await client.listCompartments({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true });
    assert.ok(first.opcNextPage);
    const e = await failure(client.listTagNamespaces({ compartmentId: sim.tenancyId, includeSubcompartments: true, page: first.opcNextPage }));
    assert.equal(e.statusCode, 400);
    assert.equal(e.serviceCode, 'InvalidParameter');
    const r = await signedFetch(sim, { path: `/20160918/compartments?compartmentId=${sim.tenancyId}&page=garbage` });
    assert.equal(r.status, 400);
  });
});
