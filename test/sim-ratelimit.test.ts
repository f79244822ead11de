import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { failure, identityClient, signedFetch } from './sim-client.js';

// Admission: beyond the token bucket or the concurrency cap the server answers 429 TooManyRequests.

describe('simulator rate limit and concurrency cap', () => {
  let sim: Simulator | undefined;
  afterEach(() => sim?.close());

  it('answers 429 TooManyRequests once the bucket is empty, with Retry-After when configured', async () => {
    sim = await startSimulator({ compartments: 5, rateLimit: { rps: 2, burst: 5 }, retryAfterSeconds: 1 });
    const client = identityClient(sim);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => client.getTenancy({ tenancyId: sim!.tenancyId })));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as { statusCode?: number }).statusCode === 429);
    assert.ok(ok >= 5 && ok <= 6, `burst of 5 admitted (got ${ok})`);
    assert.equal(ok + throttled.length, 12);
    assert.equal((throttled[0] as PromiseRejectedResult).reason.serviceCode, 'TooManyRequests');
    assert.equal(sim.stats().throttled, throttled.length);
    assert.equal(sim.stats().byRoute['GetTenancy']!.statuses['429'], throttled.length);

    const r = await signedFetch(sim, { path: `/20160918/tenancies/${sim.tenancyId}` });
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '1');
  });

  it('refills at the configured rate', async () => {
    sim = await startSimulator({ compartments: 5, rateLimit: { rps: 20, burst: 1 } });
    const client = identityClient(sim);
    await client.getTenancy({ tenancyId: sim.tenancyId });
    assert.equal((await failure(client.getTenancy({ tenancyId: sim.tenancyId }))).statusCode, 429);
    await new Promise((r) => setTimeout(r, 120));
    await client.getTenancy({ tenancyId: sim.tenancyId });
  });

  it('answers 429 above the concurrency cap and tracks requests in flight', async () => {
    sim = await startSimulator({ compartments: 5, maxConcurrent: 2, latencyMs: 150 });
    const client = identityClient(sim);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => client.getTenancy({ tenancyId: sim!.tenancyId })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
    assert.equal(results.filter((r) => r.status === 'rejected' && (r.reason as { statusCode?: number }).statusCode === 429).length, 3);
    const stats = sim.stats();
    assert.equal(stats.maxInFlight, 5);
    assert.equal(stats.inFlight, 0);
    assert.equal(stats.throttled, 3);
  });
});
