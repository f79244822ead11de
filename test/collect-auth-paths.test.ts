import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

// The ways to authenticate other than the default: the SDK's stock signer, session tokens with a
// missing file, and the principals, which off OCI must end in one clear line (exit 2), never a hang
// or a stack trace. Plus a caller refused GetTenancy: a warning, nothing lost.

let f: SimFixture;
let refusing: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 40, seed: 31 });
  refusing = await simFixture({ compartments: 40, seed: 32, refuseGetTenancy: true });
});
after(async () => {
  await f.sim.close();
  await refusing.sim.close();
});

function oneLine(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test('--signer stock: the SDK\'s own signer collects the same tenancy', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--quiet', '--signer', 'stock'));
  assert.equal(r.code, 0, r.stderr);
  assertMatchesGroundTruth(f.sim, out);
  assert.equal(f.sim.stats().unauthenticated, 0);
});

test('GetTenancy refused: a warning, the root named by its OCID, the run complete', async () => {
  const out = tmp();
  const r = await runCli(refusing.args(out, '--progress', 'lines'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: GetTenancy failed \(404 NotAuthorizedOrNotFound: .*\); the root compartment is named by its OCID/);
  const root = readCsv(out, 'compartments.csv').find((c) => c['id'] === refusing.sim.tenancyId)!;
  assert.equal(root['name'], refusing.sim.tenancyId);
  assert.equal(readCsv(out, 'failures.csv').length, 0);
});

test('security_token with a token file that is not there: one line naming it', async () => {
  const dir = tmp('oci-growth-session-');
  const configFile = join(dir, 'config');
  writeFileSync(join(dir, 'key.pem'), f.sim.credentials.privateKeyPem, { mode: 0o600 });
  writeFileSync(configFile, `[S]\ntenancy=${f.sim.tenancyId}\nregion=${f.sim.region}\nkey_file=${join(dir, 'key.pem')}\nsecurity_token_file=${join(dir, 'token')}\n`);
  const r = await runCli(['collect', '--auth', 'security_token', '--config-file', configFile, '--profile', 'S', '--endpoint', f.sim.url, '--output-dir', tmp(), '--quiet']);
  oneLine(r, /cannot read security_token_file .*token: ENOENT; run "oci session authenticate"/);
});

test('instance_principal off OCI: one line about the metadata service, within its deadline', { timeout: 60_000 }, async () => {
  const r = await runCli(['collect', '--auth', 'instance_principal', '--tenancy', f.sim.tenancyId, '--region', f.sim.region, '--endpoint', f.sim.url, '--output-dir', tmp(), '--quiet']);
  oneLine(r, /^oci-growth: instance principal(: the instance metadata service| authentication failed: )/);
});

test('resource_principal outside a Function: one line, with or without the version variable', async () => {
  const base = ['collect', '--auth', 'resource_principal', '--tenancy', f.sim.tenancyId, '--region', f.sim.region, '--endpoint', f.sim.url, '--output-dir', tmp(), '--quiet'];
  oneLine(await runCli(base, { OCI_RESOURCE_PRINCIPAL_VERSION: undefined }), /resource principal: OCI_RESOURCE_PRINCIPAL_VERSION is not set/);
  oneLine(await runCli(base, { OCI_RESOURCE_PRINCIPAL_VERSION: '2.2' }), /resource principal authentication failed: /);
});
