import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { compartmentQuery, identityClient, searchClient, usageClient } from './sim-client.js';

// Each service has its own admission, faults and latency (Search: per region), as OCI's limits are
// per service: a collector throttled by Search must not see Identity answer 429 for it.

const statusOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as { statusCode?: number }).statusCode ?? -1;
  }
};
const oneMonthOfCost = (sim: Simulator) =>
  usageClient(sim).requestSummarizedUsages({
    requestSummarizedUsagesDetails: {
      tenantId: sim.tenancyId,
      timeUsageStarted: new Date('2026-01-01T00:00:00Z'),
      timeUsageEnded: new Date('2026-02-01T00:00:00Z'),
      granularity: 'MONTHLY' as never,
    },
  });
const count = (statuses: number[], s: number) => statuses.filter((x) => x === s).length;

describe('simulator per-service limits', () => {
  let sim: Simulator | undefined;
  afterEach(() => sim?.close());

  it('throttles Search without throttling Identity or Search in another region', async () => {
    sim = await startSimulator({ compartments: 5, search: { rateLimit: { rps: 0.01, burst: 2 } } });
    const search = searchClient(sim);
    const identity = identityClient(sim);
    const query = { searchDetails: compartmentQuery(sim.tenancyId) };
    const searched = await Promise.all(Array.from({ length: 8 }, () => statusOf(search.searchResources(query))));
    assert.equal(count(searched, 429), 6, `Search: burst of 2 admitted (${searched})`);
    const listed = await Promise.all(Array.from({ length: 8 }, () => statusOf(identity.getTenancy({ tenancyId: sim!.tenancyId }))));
    assert.deepEqual(listed, Array(8).fill(200));
    const phoenix = searchClient(sim, { region: 'us-phoenix-1' });
    assert.deepEqual(await Promise.all([1, 2].map(() => statusOf(phoenix.searchResources(query)))), [200, 200]);
    assert.equal(sim.stats().byRoute['SearchResources']!.statuses['429'], 6);
    assert.equal(sim.stats().byRoute['GetTenancy']!.statuses['429'], undefined);
  });

  it('throttles Identity without throttling Search or Usage, when only Identity is limited per service', async () => {
    sim = await startSimulator({ compartments: 5, rateLimit: { rps: 0.01, burst: 1 }, search: { rateLimit: { rps: 1000 } }, usage: { rateLimit: { rps: 1000 } } });
    const identity = identityClient(sim);
    const listed = await Promise.all(Array.from({ length: 4 }, () => statusOf(identity.getTenancy({ tenancyId: sim!.tenancyId }))));
    assert.equal(count(listed, 429), 3);
    assert.equal(await statusOf(searchClient(sim).searchResources({ searchDetails: compartmentQuery(sim.tenancyId) })), 200);
    const usage = oneMonthOfCost(sim);
    assert.equal(await statusOf(usage), 200);
  });

  it('inherits the Identity limits by default, each service with its own bucket', async () => {
    sim = await startSimulator({ compartments: 5, rateLimit: { rps: 0.01, burst: 1 } });
    const query = { searchDetails: compartmentQuery(sim.tenancyId) };
    const searched = await Promise.all([1, 2].map(() => statusOf(searchClient(sim!).searchResources(query))));
    assert.deepEqual(searched.sort(), [200, 429]);
    assert.equal(await statusOf(identityClient(sim).getTenancy({ tenancyId: sim.tenancyId })), 200);
  });

  it('applies a service\'s own latency and faults', async () => {
    sim = await startSimulator({ compartments: 5, usage: { latencyMs: 300 }, search: { faults: { error503: 1 } } });
    const t = performance.now();
    const usage = oneMonthOfCost(sim);
    assert.equal(await statusOf(usage), 200);
    assert.ok(performance.now() - t >= 290, 'usage latency applied');
    const i = performance.now();
    assert.equal(await statusOf(identityClient(sim).getTenancy({ tenancyId: sim.tenancyId })), 200);
    assert.ok(performance.now() - i < 5_000);
    assert.equal(await statusOf(searchClient(sim).searchResources({ searchDetails: compartmentQuery(sim.tenancyId) })), 503);
  });
});
