import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { identityClient } from './sim-client.js';

// The latency model: fixed + jitter per request, plus a penalty per request already in flight.

describe('simulator latency', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 5, latencyMs: 80, jitterMs: 20, latencyPerInFlightMs: 30 });
  });
  after(() => sim.close());

  it('delays each answer by at least the fixed latency, and more under load', async () => {
    const client = identityClient(sim);
    await client.getTenancy({ tenancyId: sim.tenancyId });
    let t0 = performance.now();
    await client.getTenancy({ tenancyId: sim.tenancyId });
    const alone = performance.now() - t0;
    assert.ok(alone >= 78, `one request took ${alone.toFixed(0)} ms`);

    t0 = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => client.getTenancy({ tenancyId: sim.tenancyId })));
    const loaded = performance.now() - t0;
    // The sixth arrival sees five in flight: 80 + 5 × 30 ms at least.
    assert.ok(loaded >= 225, `six concurrent requests took ${loaded.toFixed(0)} ms`);
  });
});
