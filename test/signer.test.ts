import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import * as common from 'oci-common';
import { KeyObjectSigner } from '../src/oci/signer.js';
import { fingerprintOf } from '../src/oci/auth.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const tenancy = 'ocid1.tenancy.oc1..aaaatest';
const user = 'ocid1.user.oc1..aaaauser';

function request(method: string, uri: string, body?: string) {
  const headers = new Headers({ 'x-date': 'Fri, 27 Nov 2026 02:00:00 GMT' });
  return { method, uri, headers, body };
}

// RSA PKCS#1 v1.5 signatures are deterministic: the same signing string and key must give the same
// bytes, so equality with the SDK's own signer proves the fast signer builds the same signing string.
test('fast signer produces the stock SDK signer\'s Authorization header, byte for byte', async () => {
  const fingerprint = fingerprintOf(createPrivateKey(pem));
  const stock = new common.DefaultRequestSigner(new common.SimpleAuthenticationDetailsProvider(tenancy, user, fingerprint, pem, null));
  const fast = new KeyObjectSigner(`${tenancy}/${user}/${fingerprint}`, createPrivateKey(pem));
  for (const uri of [
    'http://127.0.0.1:8080/20160918/tagDefaults?compartmentId=ocid1.compartment.oc1..aaa&limit=1000',
    'https://identity.us-ashburn-1.oci.oraclecloud.com/20160918/compartments?compartmentId=ocid1.tenancy.oc1..x&page=AAAA%3D%3D&compartmentIdInSubtree=true',
    'https://identity.us-ashburn-1.oci.oraclecloud.com/20160918/tenancies/ocid1.tenancy.oc1..x',
  ]) {
    const a = request('GET', uri);
    const b = request('GET', uri);
    await stock.signHttpRequest(a);
    await fast.signHttpRequest(b);
    assert.equal(b.headers.get('authorization'), a.headers.get('authorization'), uri);
    assert.equal(b.headers.get('host'), a.headers.get('host'));
  }
});

test('fast signer signs body headers for POST like the stock signer', async () => {
  const fingerprint = fingerprintOf(createPrivateKey(pem));
  const stock = new common.DefaultRequestSigner(new common.SimpleAuthenticationDetailsProvider(tenancy, user, fingerprint, pem, null));
  const fast = new KeyObjectSigner(`${tenancy}/${user}/${fingerprint}`, createPrivateKey(pem));
  const body = JSON.stringify({ name: 'Zürich, "quoted"' });
  const a = request('POST', 'https://identity.us-ashburn-1.oci.oraclecloud.com/20160918/tags', body);
  const b = request('POST', 'https://identity.us-ashburn-1.oci.oraclecloud.com/20160918/tags', body);
  await stock.signHttpRequest(a);
  await fast.signHttpRequest(b);
  for (const h of ['authorization', 'x-content-sha256', 'content-length', 'content-type']) assert.equal(b.headers.get(h), a.headers.get(h), h);
});

test('fingerprint is the colon-separated MD5 of the DER public key', () => {
  const fp = fingerprintOf(createPrivateKey(pem));
  assert.match(fp, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
});
