import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { startSimulator } from '../src/sim/index.js';
import { Clients } from '../workers/clients.js';
import { tmp } from './helpers/cli.js';

// A thread's clients are built on first use. A build that fails (the key file being rotated at that
// moment) must not be remembered: the thread's next task builds again instead of failing for the run.

test('a failed client build is retried by the next call, then the client is reused', async () => {
  const sim = await startSimulator({ compartments: 5 });
  try {
    const { configFile, keyFile, profile } = await sim.writeConfig(tmp('oci-growth-cfg-'));
    const pem = readFileSync(keyFile);
    renameSync(keyFile, `${keyFile}.away`);
    const clients = new Clients({ auth: { kind: 'api_key', configFile, profile, signer: 'fast' }, endpoint: sim.url, timeoutMs: 5000 });
    await assert.rejects(clients.identity(), /key_file/);
    writeFileSync(keyFile, pem, { mode: 0o600 });
    const client = await clients.identity();
    const r = await client.getTenancy({ tenancyId: sim.groundTruth.tenancy.id });
    assert.equal(r.tenancy.id, sim.groundTruth.tenancy.id);
    assert.equal(await clients.identity(), client, 'built once, reused');
    assert.notEqual(await clients.search('us-phoenix-1'), await clients.search('eu-frankfurt-1'), 'one Search client per region');
  } finally {
    await sim.close();
  }
});
