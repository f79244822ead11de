import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';

// The generated resources: deterministic per seed, tagged mostly by their compartment's effective
// tag defaults (own + ancestors', nearest wins), some untagged, freeform keys colliding in case with
// defined ones.

describe('simulator generated resources', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 80, tagDefaultFraction: 0.5, resourcesPerCompartment: 5 });
  });
  after(() => sim.close());

  it('are the same for the same seed and differ for another', async () => {
    const again = await startSimulator({ compartments: 80, tagDefaultFraction: 0.5, resourcesPerCompartment: 5 });
    const other = await startSimulator({ compartments: 80, tagDefaultFraction: 0.5, resourcesPerCompartment: 5, seed: 2 });
    try {
      assert.deepEqual(again.serviceTruth.resources(), sim.serviceTruth.resources());
      assert.notDeepEqual(other.serviceTruth.resources().map((r) => r.identifier), sim.serviceTruth.resources().map((r) => r.identifier));
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('cover every region and ACTIVE compartment scope with unique ids', () => {
    const all = sim.serviceTruth.resources();
    assert.equal(new Set(all.map((r) => r.identifier)).size, all.length);
    assert.deepEqual([...new Set(all.map((r) => r.region))], sim.regions.map((r) => r.regionName));
    const active = new Set([sim.tenancyId, ...sim.groundTruth.compartments.map((c) => c.id)]);
    assert.ok(all.every((r) => active.has(r.compartmentId)));
    assert.ok(all.some((r) => r.compartmentId === sim.tenancyId));
    const mean = all.length / sim.regions.length / active.size;
    assert.ok(mean > 3 && mean < 7, `about 5 per compartment and region (${mean.toFixed(2)})`);
  });

  it('computes effective tag defaults as own plus ancestors\', nearest wins', () => {
    const gt = sim.groundTruth;
    const parent = new Map(gt.compartments.map((c) => [c.id, c.compartmentId]));
    for (const c of [gt.tenancy.id, ...gt.compartments.map((x) => x.id)]) {
      const expected = new Map<string, string>();
      const chain: string[] = [];
      for (let id: string | undefined = c; id; id = parent.get(id)) chain.push(id);
      for (const id of chain.reverse()) for (const d of gt.tagDefaults) if (d.compartmentId === id) expected.set(d.tagDefinitionId, d.id);
      const got = sim.serviceTruth.effectiveTagDefaults(c);
      assert.deepEqual(new Map(got.map((d) => [d.tagDefinitionId, d.id])), expected, c);
    }
    assert.ok(gt.compartments.some((c) => sim.serviceTruth.effectiveTagDefaults(c.id).some((d) => d.compartmentId !== c.id)), 'something is inherited');
  });

  it('carry their compartment\'s effective defaults, mostly as defaulted', () => {
    const definitions = new Map(sim.groundTruth.tagDefinitions.map((d) => [d.id, d]));
    let applicable = 0;
    let asDefaulted = 0;
    for (const r of sim.serviceTruth.resources()) {
      if (Object.keys(r.definedTags).length === 0 && Object.keys(r.freeformTags).length === 0) continue;
      for (const d of sim.serviceTruth.effectiveTagDefaults(r.compartmentId)) {
        const def = definitions.get(d.tagDefinitionId)!;
        if (def.isRetired || d.value.includes('${')) continue;
        applicable++;
        if (r.definedTags[def.tagNamespaceName]?.[def.name] === d.value) asDefaulted++;
      }
    }
    assert.ok(applicable > 50);
    assert.ok(asDefaulted / applicable > 0.8 && asDefaulted < applicable, `${asDefaulted} of ${applicable} as defaulted`);
    // Variables in default values resolve to the (simulated) creator and creation time.
    let variables = 0;
    let resolved = 0;
    for (const r of sim.serviceTruth.resources()) {
      if (Object.keys(r.definedTags).length === 0) continue;
      for (const d of sim.serviceTruth.effectiveTagDefaults(r.compartmentId)) {
        const def = definitions.get(d.tagDefinitionId)!;
        const want = d.value === '${iam.principal.name}' ? 'default/admin@example.com' : d.value === '${oci.datetime}' ? r.timeCreated : undefined;
        if (want === undefined || def.isRetired) continue;
        variables++;
        if (r.definedTags[def.tagNamespaceName]?.[def.name] === want) resolved++;
      }
    }
    assert.ok(variables > 0 && resolved > variables * 0.8, `${resolved} of ${variables} resolved`);
  });

  it('include untagged resources and freeform keys that differ from defined ones only in case', () => {
    const all = sim.serviceTruth.resources();
    const untagged = all.filter((r) => Object.keys(r.definedTags).length === 0 && Object.keys(r.freeformTags).length === 0);
    assert.ok(untagged.length > 0 && untagged.length < all.length / 4, `${untagged.length} untagged of ${all.length}`);
    const collisions = all.filter((r) => {
      const defined = Object.values(r.definedTags).flatMap((t) => Object.keys(t));
      return Object.keys(r.freeformTags).some((f) => defined.some((k) => k !== f && k.toLowerCase() === f.toLowerCase()));
    });
    assert.ok(collisions.length > 0, 'a freeform key colliding in case with a defined one');
  });
});
