import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { ANY, allPages, failure, identityClient, signedFetch } from './sim-client.js';

// Every route through the real oci-identity client, compared with the ground truth.

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const byId = (a: { id?: string }, b: { id?: string }) => (a.id! < b.id! ? -1 : 1);

describe('simulator routes via oci-identity', () => {
  let sim: Simulator;
  let client: ReturnType<typeof identityClient>;
  before(async () => {
    sim = await startSimulator({ compartments: 60, forbidden: 1 });
    client = identityClient(sim);
  });
  after(() => sim.close());

  it('GetTenancy returns the tenancy; an unknown id is 404', async () => {
    const r = await client.getTenancy({ tenancyId: sim.tenancyId });
    assert.equal(r.tenancy.id, sim.tenancyId);
    assert.equal(r.tenancy.name, sim.groundTruth.tenancy.name);
    assert.equal(r.tenancy.homeRegionKey, 'IAD');
    assert.ok(r.opcRequestId);
    const e = await failure(client.getTenancy({ tenancyId: 'ocid1.tenancy.oc1..nope' }));
    assert.equal(e.statusCode, 404);
    assert.equal(e.serviceCode, 'NotAuthorizedOrNotFound');
    assert.ok(e.opcRequestId);
  });

  it('ListCompartments in the subtree returns every state; the ACTIVE filter returns the ground truth', async () => {
    const all = await client.listCompartments({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true, accessLevel: ANY, limit: 1000 });
    const gt = sim.groundTruth;
    assert.equal(all.items.length, gt.compartments.length + gt.deletedCompartmentIds.length);
    assert.equal(all.opcNextPage, undefined);
    const deleted = all.items.filter((c) => c.lifecycleState === 'DELETED').map((c) => c.id);
    assert.deepEqual(deleted.sort(), [...gt.deletedCompartmentIds].sort());

    const active = await client.listCompartments({
      compartmentId: sim.tenancyId,
      compartmentIdInSubtree: true,
      accessLevel: ANY,
      lifecycleState: 'ACTIVE' as never,
    });
    assert.deepEqual(plain(active.items), plain(gt.compartments));
  });

  it('ListCompartments without the subtree flag returns direct children only', async () => {
    const gt = sim.groundTruth;
    const top = await client.listCompartments({ compartmentId: sim.tenancyId });
    const expected = gt.compartments.filter((c) => c.compartmentId === sim.tenancyId).map((c) => c.id);
    assert.deepEqual(top.items.filter((c) => c.lifecycleState === 'ACTIVE').map((c) => c.id).sort(), expected.sort());
    const parent = gt.compartments.find((p) => gt.compartments.some((c) => c.compartmentId === p.id))!;
    const kids = await client.listCompartments({ compartmentId: parent.id, lifecycleState: 'ACTIVE' as never });
    assert.deepEqual(kids.items.map((c) => c.id).sort(), gt.compartments.filter((c) => c.compartmentId === parent.id).map((c) => c.id).sort());
  });

  it('ListCompartments rejects bad parameters with OCI error codes', async () => {
    const sub = sim.groundTruth.compartments[0]!.id;
    const cases: [Promise<unknown>, number, string][] = [
      [client.listCompartments({ compartmentId: sim.tenancyId, limit: 1001 }), 400, 'InvalidParameter'],
      [client.listCompartments({ compartmentId: sim.tenancyId, lifecycleState: 'SLEEPING' as never }), 400, 'InvalidParameter'],
      [client.listCompartments({ compartmentId: sub, compartmentIdInSubtree: true }), 400, 'InvalidParameter'],
      [client.listCompartments({ compartmentId: 'ocid1.compartment.oc1..unknown' }), 404, 'NotAuthorizedOrNotFound'],
      [client.listCompartments({ compartmentId: '' } as never), 400, 'MissingParameter'],
    ];
    for (const [call, status, code] of cases) {
      const e = await failure(call);
      assert.equal(e.statusCode, status, e.message);
      assert.equal(e.serviceCode, code);
    }
  });

  it('ListTagNamespaces: the root alone, or the whole tenancy with includeSubcompartments', async () => {
    const gt = sim.groundTruth;
    const root = await client.listTagNamespaces({ compartmentId: sim.tenancyId });
    assert.deepEqual(plain(root.items), plain(gt.tagNamespaces.filter((n) => n.compartmentId === sim.tenancyId)));
    const all = await client.listTagNamespaces({ compartmentId: sim.tenancyId, includeSubcompartments: true });
    assert.deepEqual(plain(all.items), plain(gt.tagNamespaces));
    assert.ok(all.items.some((n) => n.compartmentId !== sim.tenancyId), 'some namespaces live in sub-compartments');
    assert.equal(all.items.filter((n) => n.isRetired).length, 1);
  });

  it('ListTags returns TagSummary (no namespace id) for every namespace; unknown namespace is 404', async () => {
    const gt = sim.groundTruth;
    const seen = [];
    for (const ns of gt.tagNamespaces) {
      const r = await allPages((page) => client.listTags({ tagNamespaceId: ns.id, page }));
      for (const t of r.items) assert.equal('tagNamespaceId' in t && (t as { tagNamespaceId?: string }).tagNamespaceId !== undefined, false);
      seen.push(...r.items.map((t) => ({ ...plain(t), tagNamespaceId: ns.id, tagNamespaceName: ns.name })));
    }
    assert.deepEqual(seen.sort(byId), plain([...gt.tagDefinitions]).sort(byId));
    const e = await failure(client.listTags({ tagNamespaceId: 'ocid1.tagnamespace.oc1..unknown' }));
    assert.equal(e.statusCode, 404);
  });

  it("ListTagDefaults returns each compartment's own defaults, and filters by definition or id", async () => {
    const gt = sim.groundTruth;
    const forbidden = new Set(gt.forbiddenCompartmentIds);
    const got = [];
    for (const id of [sim.tenancyId, ...gt.compartments.map((c) => c.id)]) {
      if (forbidden.has(id)) continue;
      const r = await client.listTagDefaults({ compartmentId: id });
      assert.ok(r.items.every((d) => d.compartmentId === id));
      got.push(...r.items);
    }
    const expected = gt.tagDefaults.filter((d) => !forbidden.has(d.compartmentId));
    assert.deepEqual(plain(got).sort(byId), plain(expected).sort(byId));

    const one = gt.tagDefaults[0]!;
    const byDef = await client.listTagDefaults({ tagDefinitionId: one.tagDefinitionId, limit: 1000 });
    assert.deepEqual(byDef.items.map((d) => d.id).sort(), expected.filter((d) => d.tagDefinitionId === one.tagDefinitionId).map((d) => d.id).sort());
    const byOwnId = await client.listTagDefaults({ id: one.id });
    assert.deepEqual(byOwnId.items.map((d) => d.id), [one.id]);
    const e = await failure(client.listTagDefaults({}));
    assert.equal(e.statusCode, 400);
  });

  it('answers unknown paths with an OCI 404 body and opc-request-id; the admin routes need no signature', async () => {
    const r = await signedFetch(sim, { path: '/20160918/users' });
    assert.equal(r.status, 404);
    assert.ok(r.headers.get('opc-request-id'));
    assert.deepEqual(Object.keys(await r.json()).sort(), ['code', 'message']);

    const stats = await (await fetch(`${sim.url}/_sim/stats`)).json();
    assert.ok(stats.requests > 0);
    assert.ok(stats.byRoute.ListTagDefaults.requests > 0);
    const truth = await (await fetch(`${sim.url}/_sim/ground-truth`)).json();
    assert.deepEqual(truth, plain(sim.groundTruth));
    assert.equal((await fetch(`${sim.url}/_sim/reset-stats`, { method: 'POST' })).status, 204);
    assert.equal(sim.stats().requests, 0);
  });
});
