import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTenancy, resolveOptions, startSimulator } from '../src/sim/index.js';
import { evolveTenancy } from '../src/sim/evolve.js';
import { MAX_DEFAULTS_PER_COMPARTMENT } from '../src/sim/generate-tags.js';
import { MAX_DEPTH } from '../src/sim/generate-tree.js';

// The evolved tenancy: the same tenancy later, changed only in ways OCI allows, deterministically.

const evolved = (k: number, o: Parameters<typeof resolveOptions>[0] = {}) => {
  const r = resolveOptions({ compartments: 400, ...o });
  const model = generateTenancy(r);
  const changes = evolveTenancy(model, k, r.seed);
  return { model, changes };
};

describe('simulated tenancy evolution', () => {
  it('is deterministic, and evolve 0 changes nothing', () => {
    assert.deepEqual(JSON.stringify(evolved(4)), JSON.stringify(evolved(4)));
    assert.notEqual(JSON.stringify(evolved(4).changes), JSON.stringify(evolved(4, { seed: 2 }).changes));
    const plain = generateTenancy(resolveOptions({ compartments: 400 }));
    assert.equal(JSON.stringify(evolved(0).model), JSON.stringify(plain));
  });

  it('touches each object once: one change per (kind, id, field), new ids unique', () => {
    const { changes, model } = evolved(5);
    const keys = changes.map((c) => `${c.kind}|${c.id}|${c.field ?? c.change}`);
    assert.equal(new Set(keys).size, keys.length);
    const compartmentIds = changes.filter((c) => c.kind === 'compartment').map((c) => c.id);
    assert.equal(new Set(compartmentIds).size, compartmentIds.length, 'a compartment is added, removed, moved, renamed or re-described, never two of these');
    for (const list of [model.compartments, model.tagDefinitions, model.tagDefaults]) assert.equal(new Set(list.map((x) => x.id)).size, list.length);
  });

  it('leaves a tenancy OCI would allow: ≤ 6 levels, no cycle, unique sibling names, ≤ 20 defaults, none on a deleted compartment', () => {
    const { model } = evolved(8);
    const byId = model.compartmentById;
    const active = model.compartments.filter((c) => c.lifecycleState === 'ACTIVE');
    const siblings = new Set<string>();
    for (const c of active) {
      let depth = 0;
      for (let cur = c; cur; cur = byId.get(cur.compartmentId)!) {
        depth++;
        assert.ok(depth <= MAX_DEPTH, `${c.id} deeper than ${MAX_DEPTH} or in a cycle`);
        if (cur.compartmentId === model.tenancy.id) break;
        assert.equal(byId.get(cur.compartmentId)?.lifecycleState, 'ACTIVE', 'parents are active');
      }
      const key = `${c.compartmentId}/${c.name}`;
      assert.ok(!siblings.has(key), `duplicate sibling name ${key}`);
      siblings.add(key);
    }
    const deleted = new Set(model.compartments.filter((c) => c.lifecycleState === 'DELETED').map((c) => c.id));
    for (const c of active) assert.ok(!deleted.has(c.compartmentId) || c.compartmentId === model.tenancy.id);
    for (const [id, defaults] of model.tagDefaultsByCompartment) {
      assert.ok(!deleted.has(id));
      assert.ok(defaults.length <= MAX_DEFAULTS_PER_COMPARTMENT);
      assert.equal(new Set(defaults.map((d) => d.tagDefinitionId)).size, defaults.length, 'one default per tag per compartment');
    }
    // Indexes follow the lists the routes serve.
    assert.equal([...model.tagDefaultsByCompartment.values()].flat().length, model.tagDefaults.length);
    assert.equal([...model.childrenOf.values()].flat().length, model.compartments.length);
  });

  it('the running simulator serves the evolved tenancy and lists its changes in the ground truth', async () => {
    const sim = await startSimulator({ compartments: 100, evolve: 2 });
    try {
      assert.ok(sim.groundTruth.changes.length >= 2 * 12);
      const res = await fetch(`${sim.url}/_sim/ground-truth`);
      const body = (await res.json()) as { changes: unknown[] };
      assert.equal(body.changes.length, sim.groundTruth.changes.length);
    } finally {
      await sim.close();
    }
  });

  it('refuses a negative or fractional evolve', () => {
    assert.throws(() => resolveOptions({ evolve: -1 }), /evolve must be a non-negative integer/);
    assert.throws(() => resolveOptions({ evolve: 1.5 }), /evolve/);
  });
});
