import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { failure, identityClient, signedFetch, signedHeaders } from './sim-client.js';

// Signature checks: the SDK's own signing passes; a wrong key, an unknown keyId, a signature lifted
// from another request, a stale date and a missing header are all 401 NotAuthenticated.

const otherKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('simulator authentication', () => {
  let sim: Simulator;
  let path: string;
  before(async () => {
    sim = await startSimulator({ compartments: 10 });
    path = `/20160918/compartments?compartmentId=${encodeURIComponent(sim.tenancyId)}`;
  });
  after(() => sim.close());

  it('accepts requests the SDK signs, and a hand-signed one', async () => {
    const r = await identityClient(sim).listCompartments({ compartmentId: sim.tenancyId });
    assert.ok(r.items.length > 0);
    assert.equal((await signedFetch(sim, { path })).status, 200);
  });

  it('rejects an SDK request signed with a key the server does not trust', async () => {
    const before = sim.stats().unauthenticated;
    const e = await failure(identityClient(sim, { privateKeyPem: otherKey().privateKey }).listCompartments({ compartmentId: sim.tenancyId }));
    assert.equal(e.statusCode, 401);
    assert.equal(e.serviceCode, 'NotAuthenticated');
    assert.equal(sim.stats().unauthenticated, before + 1);
  });

  it('rejects an unknown keyId (wrong fingerprint)', async () => {
    const e = await failure(identityClient(sim, { fingerprint: '00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff' }).getTenancy({ tenancyId: sim.tenancyId }));
    assert.equal(e.statusCode, 401);
  });

  it('rejects a tampered request: a valid signature from a different request', async () => {
    const signedElsewhere = signedHeaders(sim, { path: `/20160918/tenancies/${sim.tenancyId}` });
    const r = await fetch(`${sim.url}${path}`, { headers: signedElsewhere });
    assert.equal(r.status, 401);
    assert.equal((await r.json()).code, 'NotAuthenticated');
    assert.ok(r.headers.get('opc-request-id'));
    // Same request, query altered after signing.
    const r2 = await signedFetch(sim, { path: `${path}&compartmentIdInSubtree=true`, signedPath: path });
    assert.equal(r2.status, 401);
  });

  it('rejects a missing signature, a signature without the host, and an expired date', async () => {
    assert.equal((await fetch(`${sim.url}${path}`)).status, 401);
    assert.equal((await signedFetch(sim, { path, headersList: 'x-date (request-target)' })).status, 401);
    assert.equal((await signedFetch(sim, { path, date: new Date(Date.now() - 6 * 60_000) })).status, 401);
    assert.equal((await signedFetch(sim, { path, date: new Date(Date.now() - 60_000) })).status, 200, 'a minute of skew is fine');
  });

  it('trusts another key once told to', async () => {
    const key = otherKey();
    const keyId = `${sim.tenancyId}/ocid1.user.oc1..other/aa:bb`;
    assert.equal((await signedFetch(sim, { path, keyId, privateKeyPem: key.privateKey })).status, 401);
    sim.trustKey(keyId, key.publicKey);
    assert.equal((await signedFetch(sim, { path, keyId, privateKeyPem: key.privateKey })).status, 200);
  });
});
