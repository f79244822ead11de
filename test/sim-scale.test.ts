import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTenancy, resolveOptions, startSimulator, type Simulator } from '../src/sim/index.js';
import { ANY, allPages, identityClient, searchAll, searchClient } from './sim-client.js';

// 50,000 compartments: generation must take seconds, not minutes. Times are printed, not asserted.

const N = 50_000;

describe('simulator at 50,000 compartments', () => {
  let sim: Simulator | undefined;
  after(() => sim?.close());

  it('generates the tenancy', () => {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const m = generateTenancy(resolveOptions({ compartments: N }));
    const ms = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
    console.log(`generated ${N} compartments, ${m.tagDefaults.length} tag defaults in ${ms.toFixed(0)} ms (heap +${heapMb.toFixed(0)} MB)`);
    assert.equal(m.compartments.filter((c) => c.lifecycleState === 'ACTIVE').length, N);
    assert.equal(m.compartments.length, N + 500);
    assert.equal(new Set(m.compartments.map((c) => c.id)).size, N + 500);
  });

  it('serves the whole subtree in 1000-row pages', async () => {
    sim = await startSimulator({ compartments: N });
    console.log(`startSimulator: generation ${sim.generatedInMs.toFixed(0)} ms`);
    const client = identityClient(sim);
    const t0 = performance.now();
    const r = await allPages((page) =>
      client.listCompartments({ compartmentId: sim!.tenancyId, compartmentIdInSubtree: true, accessLevel: ANY, lifecycleState: 'ACTIVE' as never, limit: 1000, page }),
    );
    console.log(`listed ${r.items.length} compartments in ${r.pages.length} pages, ${(performance.now() - t0).toFixed(0)} ms`);
    assert.equal(r.items.length, N);
    assert.equal(r.pages.length, N / 1000);
    assert.deepEqual(r.items.map((c) => c.id), sim.groundTruth.compartments.map((c) => c.id));
  });

  it('answers Search in any region for a compartment deep in the tree, the same each time', async () => {
    const deepest = sim!.groundTruth.compartments.at(-1)!;
    const client = searchClient(sim!, { region: 'eu-frankfurt-1' });
    const t0 = performance.now();
    const first = await searchAll(client, deepest.id);
    console.log(`searched one compartment of ${N} in ${(performance.now() - t0).toFixed(0)} ms: ${first.items.length} resources`);
    assert.ok(first.items.every((r) => r.compartmentId === deepest.id && r.identifier.includes('.oc1.fra.')));
    assert.deepEqual((await searchAll(client, deepest.id)).items, first.items);
  });
});
