import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startSimulator } from '../src/sim/index.js';
import { tmp } from './helpers/cli.js';

// The coordinator only checks the credentials and hands calls to its threads: with an API key it must
// not load the OCI SDK (oci-common alone is ~100 ms of CPU before the first thread starts).

test('the CLI and an API-key preflight load no OCI SDK package in the coordinator', async () => {
  const sim = await startSimulator({ compartments: 5 });
  try {
    const { configFile, profile } = await sim.writeConfig(tmp('oci-growth-cfg-'));
    const src = (p: string) => JSON.stringify(new URL(`../src/${p}`, import.meta.url).href);
    const script = `
      import { createRequire } from 'node:module';
      await import(${src('cli/main.ts')});
      const { preflight } = await import(${src('collect/preflight.ts')});
      const where = await preflight({ auth: { kind: 'api_key', configFile: ${JSON.stringify(configFile)}, profile: ${JSON.stringify(profile)}, signer: 'fast' }, endpoint: ${JSON.stringify(sim.url)} });
      const sdk = Object.keys(createRequire(import.meta.url).cache).filter((k) => /\\/node_modules\\/oci-/.test(k));
      console.log(JSON.stringify({ tenancy: where.tenancyId, sdk }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }));
    assert.equal(out.tenancy, sim.groundTruth.tenancy.id, 'the preflight read the profile');
    assert.deepEqual(out.sdk, []);
  } finally {
    await sim.close();
  }
});
