import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator, type TagDefaultsByDefinition } from '../src/sim/index.js';
import { allPages, failure, identityClient } from './sim-client.js';

// ListTagDefaults(tagDefinitionId) without a compartmentId is undocumented in OCI; the simulator
// can answer it tenancy-wide, for the root only, or refuse it, so a collector can be tested on all three.

describe('simulator ListTagDefaults by tag definition', () => {
  let sim: Simulator | undefined;
  afterEach(() => sim?.close());

  const start = (mode?: TagDefaultsByDefinition) =>
    startSimulator({ compartments: 60, forbidden: 5, tagDefaultFraction: 0.8, ...(mode ? { tagDefaultsByDefinition: mode } : {}) });

  /** The definition with defaults in the most compartments, a forbidden one among them. */
  const busiestDefinition = (s: Simulator) => {
    const forbidden = new Set(s.groundTruth.forbiddenCompartmentIds);
    const counts = new Map<string, number>();
    for (const d of s.groundTruth.tagDefaults) counts.set(d.tagDefinitionId, (counts.get(d.tagDefinitionId) ?? 0) + 1);
    const candidates = [...counts].filter(([id]) => s.groundTruth.tagDefaults.some((d) => d.tagDefinitionId === id && forbidden.has(d.compartmentId)));
    return candidates.sort((a, b) => b[1] - a[1])[0]![0];
  };
  const listAll = (s: Simulator, tagDefinitionId: string) =>
    allPages((page) => identityClient(s).listTagDefaults({ tagDefinitionId, page, limit: 3 }).then((r) => ({ items: r.items, opcNextPage: r.opcNextPage })));

  it('tenancy-wide (the default): the definition\'s defaults in every compartment the caller may read', async () => {
    sim = await start();
    const def = busiestDefinition(sim);
    const forbidden = new Set(sim.groundTruth.forbiddenCompartmentIds);
    const expected = sim.groundTruth.tagDefaults.filter((d) => d.tagDefinitionId === def && !forbidden.has(d.compartmentId));
    assert.ok(expected.length >= 2);
    const { items } = await listAll(sim, def);
    assert.deepEqual(items.map((d) => d.id).sort(), expected.map((d) => d.id).sort());
  });

  it('root-only: only the root compartment\'s default for it', async () => {
    sim = await start('root-only');
    const rootDefault = sim.groundTruth.tagDefaults.find((d) => d.compartmentId === sim!.tenancyId)!;
    const { items } = await listAll(sim, rootDefault.tagDefinitionId);
    assert.deepEqual(items.map((d) => d.id), [rootDefault.id]);
    assert.deepEqual((await listAll(sim, busiestDefinition(sim))).items.filter((d) => d.compartmentId !== sim!.tenancyId), []);
  });

  it('reject: 400 MissingParameter compartmentId', async () => {
    sim = await start('reject');
    const e = await failure(identityClient(sim).listTagDefaults({ tagDefinitionId: busiestDefinition(sim) }));
    assert.equal(e.statusCode, 400);
    assert.equal(e.serviceCode, 'MissingParameter');
  });

  for (const mode of ['root-only', 'reject'] as const) {
    it(`${mode} leaves listing by compartment unchanged`, async () => {
      sim = await start(mode);
      const c = sim.groundTruth.compartments.find((x) => sim!.groundTruth.tagDefaults.some((d) => d.compartmentId === x.id) && x.isAccessible)!;
      const expected = sim.groundTruth.tagDefaults.filter((d) => d.compartmentId === c.id);
      const r = await identityClient(sim).listTagDefaults({ compartmentId: c.id });
      assert.deepEqual(r.items.map((d) => d.id), expected.map((d) => d.id));
      const def = expected[0]!.tagDefinitionId;
      const both = await identityClient(sim).listTagDefaults({ compartmentId: c.id, tagDefinitionId: def });
      assert.deepEqual(both.items.map((d) => d.id), [expected[0]!.id]);
    });
  }
});
