import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type SimOptions, type Simulator } from '../src/sim/index.js';
import { failure, identityClient, signedFetch } from './sim-client.js';

// Each injected fault, as the real SDK client experiences it, and counted by the server.

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('simulator fault injection', () => {
  const running: Simulator[] = [];
  const start = async (faults: SimOptions['faults'], extra: SimOptions = {}) => {
    const sim = await startSimulator({ compartments: 5, faults, ...extra });
    running.push(sim);
    return sim;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  const cases = [
    ['throttle', 429, 'TooManyRequests'],
    ['error500', 500, 'InternalServerError'],
    ['error503', 503, 'ServiceUnavailable'],
  ] as const;
  for (const [kind, status, code] of cases) {
    it(`${kind} → ${status} ${code}`, async () => {
      const sim = await start({ [kind]: 1 });
      const e = await failure(identityClient(sim).getTenancy({ tenancyId: sim.tenancyId }));
      assert.equal(e.statusCode, status);
      assert.equal(e.serviceCode, code);
      assert.equal(sim.stats().faults[kind], 1);
    });
  }

  it('reset → a network error, no HTTP status', async () => {
    const sim = await start({ reset: 1 });
    const e = await failure(identityClient(sim).getTenancy({ tenancyId: sim.tenancyId }));
    assert.equal(e.statusCode, undefined);
    assert.match(String(e.message), /fetch failed|socket|ECONNRESET/i);
    assert.equal(sim.stats().faults['reset'], 1);
    assert.equal(sim.stats().byRoute['GetTenancy']!.statuses['reset'], 1);
    await settle();
    assert.equal(sim.stats().inFlight, 0);
  });

  it('hang → no answer until the client gives up; close() still returns', async () => {
    const sim = await start({ hang: 1 });
    const client = identityClient(sim, { httpOptions: { signal: AbortSignal.timeout(300) } });
    const t0 = performance.now();
    const e = await failure(client.getTenancy({ tenancyId: sim.tenancyId }));
    assert.ok(performance.now() - t0 >= 290);
    assert.match(String(e.name ?? e.message), /Timeout|Abort/i);
    assert.equal(sim.stats().faults['hang'], 1);
    await settle();
    assert.equal(sim.stats().inFlight, 0, 'the aborted request is no longer in flight');
  });

  it('hung requests do not keep close() waiting', async () => {
    const sim = await start({ hang: 1 });
    const pending = signedFetch(sim, { path: `/20160918/tenancies/${sim.tenancyId}` }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 50));
    await sim.close();
    assert.ok((await pending) instanceof Error);
  });

  it('malformed → a truncated JSON body the client cannot parse', async () => {
    const sim = await start({ malformed: 1 });
    const e = await failure(identityClient(sim).listCompartments({ compartmentId: sim.tenancyId }));
    assert.equal(e.name, 'SyntaxError');
    assert.equal(sim.stats().faults['malformed'], 1);
  });

  it('the same faultSeed gives the same sequence of faults', async () => {
    const outcomes = async (faultSeed: number) => {
      const sim = await start({ error500: 0.3, error503: 0.3 }, { faultSeed });
      const client = identityClient(sim);
      const seen: (number | string)[] = [];
      for (let i = 0; i < 20; i++) {
        seen.push(await client.getTenancy({ tenancyId: sim.tenancyId }).then(() => 200, (e: { statusCode: number }) => e.statusCode));
      }
      return seen;
    };
    const a = await outcomes(7);
    assert.deepEqual(await outcomes(7), a);
    assert.notDeepEqual(await outcomes(8), a);
    assert.ok(a.includes(200) && a.includes(500) && a.includes(503));
  });

  it('rejects impossible fault probabilities', async () => {
    await assert.rejects(startSimulator({ faults: { error500: 0.6, error503: 0.6 } }), RangeError);
    await assert.rejects(startSimulator({ faults: { hang: -0.1 } }), RangeError);
  });
});
