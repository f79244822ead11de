import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as common from 'oci-common';
import * as identity from 'oci-identity';
import { startSimulator, type Simulator } from '../src/sim/index.js';

// writeConfig produces a profile the SDK's own config-file provider reads and signs with.

async function listWith(sim: Simulator, configFile: string, profile: string) {
  const provider = new common.ConfigFileAuthenticationDetailsProvider(configFile, profile);
  const client = new identity.IdentityClient(
    { authenticationDetailsProvider: provider },
    { retryConfiguration: common.NoRetryConfigurationDetails, circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) },
  );
  client.endpoint = sim.url;
  return client.listCompartments({ compartmentId: sim.tenancyId, compartmentIdInSubtree: true, lifecycleState: 'ACTIVE' as never });
}

describe('simulator OCI config profile', () => {
  let sim: Simulator;
  let dir: string;
  before(async () => {
    sim = await startSimulator({ compartments: 12 });
    dir = await mkdtemp(join(tmpdir(), 'sim-config-'));
  });
  after(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes user, fingerprint, key_file, tenancy, region and a 0600 key the SDK can use', async () => {
    const w = await sim.writeConfig(join(dir, 'plain'));
    assert.equal(w.profile, 'SIM');
    const text = await readFile(w.configFile, 'utf8');
    for (const line of [`user=${sim.credentials.userId}`, `fingerprint=${sim.credentials.fingerprint}`, `key_file=${w.keyFile}`, `tenancy=${sim.tenancyId}`, 'region=us-ashburn-1']) {
      assert.ok(text.includes(line), line);
    }
    assert.match(text, /^\[DEFAULT\]/m);
    assert.match(text, /^\[SIM\]/m);
    assert.equal((await stat(w.keyFile)).mode & 0o777, 0o600);
    const r = await listWith(sim, w.configFile, w.profile);
    assert.equal(r.items.length, 12);
  });

  it('encrypts the key when given a passphrase', async () => {
    const w = await sim.writeConfig(join(dir, 'secret'), { profile: 'LOCKED', passphrase: 'p@ss, "word"' });
    assert.match(await readFile(w.keyFile, 'utf8'), /ENCRYPTED/);
    const r = await listWith(sim, w.configFile, 'LOCKED');
    assert.equal(r.items.length, 12);
  });
});
