import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { compartmentQuery, signedPost } from './sim-client.js';

// POST bodies are part of the signature: content-type, content-length and x-content-sha256 must be
// signed, and the body that arrives must be the one whose hash was signed.

describe('simulator POST signature checks', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 5 });
  });
  after(() => sim.close());

  const body = () => JSON.stringify(compartmentQuery(sim.tenancyId));
  const path = '/20180409/resources?limit=10';

  it('accepts a correctly signed body', async () => {
    const r = await signedPost(sim, { path, body: body() });
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(((await r.json()) as { items: unknown[] }).items));
  });

  it('answers 401 to a body other than the signed one, even of the same length', async () => {
    const signed = body();
    const tampered = signed.replace('compartmentId', 'compartmentID');
    assert.equal(tampered.length, signed.length);
    const r = await signedPost(sim, { path, body: tampered, signedBody: signed });
    assert.equal(r.status, 401);
    const e = (await r.json()) as { code: string; message: string };
    assert.equal(e.code, 'NotAuthenticated');
    assert.match(e.message, /x-content-sha256/);
  });

  it('answers 401 when the body headers are not signed', async () => {
    const r = await signedPost(sim, { path, body: body(), headersList: 'x-date (request-target) host' });
    assert.equal(r.status, 401);
    assert.match(((await r.json()) as { message: string }).message, /content-type, content-length and x-content-sha256/);
  });

  it('checks Usage API bodies the same way', async () => {
    const signed = JSON.stringify({ tenantId: sim.tenancyId, timeUsageStarted: '2026-01-01T00:00:00.000Z', timeUsageEnded: '2026-02-01T00:00:00.000Z', granularity: 'MONTHLY' });
    assert.equal((await signedPost(sim, { path: '/20200107/usage', body: signed })).status, 200);
    const tampered = signed.replace('2026-02', '2026-03');
    assert.equal((await signedPost(sim, { path: '/20200107/usage', body: tampered, signedBody: signed })).status, 401);
    assert.equal(sim.stats().unauthenticated, 3);
  });
});
