import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

test('the tasks a thread starts at once share one client build', async () => {
  const sim = await startSimulator({ compartments: 5 });
  try {
    const { configFile, profile } = await sim.writeConfig(tmp('oci-growth-cfg-'));
    const clients = new Clients({ auth: { kind: 'api_key', configFile, profile, signer: 'fast' }, endpoint: sim.url, timeoutMs: 5000 });
    const [a, b] = await Promise.all([clients.identity(), clients.identity()]);
    assert.equal(a, b);
  } finally {
    await sim.close();
  }
});

// A service's SDK package is tens of ms of CPU to load in every thread: one that only lists Identity
// must not pay for Search's and Usage's.
test('a thread loads a service\'s SDK package only with the first client of that service', async () => {
  const sim = await startSimulator({ compartments: 5 });
  try {
    const { configFile, profile } = await sim.writeConfig(tmp('oci-growth-cfg-'));
    const spec = { auth: { kind: 'api_key', configFile, profile, signer: 'fast' }, endpoint: sim.url, timeoutMs: 5000 };
    const script = `
      import { createRequire } from 'node:module';
      import { Clients } from ${JSON.stringify(new URL('../workers/clients.ts', import.meta.url).href)};
      const loaded = () => ['oci-identity', 'oci-resourcesearch', 'oci-usageapi'].filter((p) => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/' + p + '/')));
      const clients = new Clients(${JSON.stringify(spec)});
      await clients.identity();
      const identityOnly = loaded();
      await clients.search('us-phoenix-1');
      await clients.usage();
      console.log(JSON.stringify([identityOnly, loaded()]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [['oci-identity'], ['oci-identity', 'oci-resourcesearch', 'oci-usageapi']]);
  } finally {
    await sim.close();
  }
});
