import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CollectorPool, WORKER_BUNDLE } from '../src/collect/pool.js';
import { Limiters } from '../src/collect/limiters.js';
import { costWindows } from '../src/analyze/months.js';
import { DEFAULT_RETRY } from '../src/oci/retry.js';
import type { ScopeMessage, Task, WorkerConfig } from '../workers/protocol.js';
import { simFixture, tmp, type SimFixture } from './helpers/cli.js';
// @ts-expect-error a build script, plain JavaScript
import { bundleWorker, BUNDLE_ENTRY } from '../scripts/bundle-worker.mjs';

// The built package's threads run the worker as bundled by scripts/bundle-worker.mjs, the OCI SDK
// inside it: every service's client must work from the bundle as it does from node_modules (the
// Search and Usage SDKs from chunks of their own, loaded by their first client).

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 4, latencyMs: 0, seed: 5 });
});
after(() => f.sim.close());

test('the bundled worker collects from every service', { timeout: 60_000 }, async () => {
  const out = tmp('oci-growth-bundle-');
  await bundleWorker(out);
  // Else a build's pool would not find the bundle, and would quietly run the unbundled worker.
  assert.equal(BUNDLE_ENTRY, WORKER_BUNDLE, 'the bundle lands where the pool looks for it');
  const chunks = readdirSync(join(out, 'workers/bundle'));
  assert.ok(chunks.some((c) => c.startsWith('oci-usageapi-')), `Usage's SDK is a chunk of its own: ${chunks.join(', ')}`);

  const messages: ScopeMessage[] = [];
  const config: WorkerConfig = {
    client: { auth: { kind: 'api_key', configFile: f.configFile, profile: f.profile, signer: 'fast' }, endpoint: `${f.sim.url}/{region}`, region: 'us-ashburn-1', timeoutMs: 10_000 },
    control: new SharedArrayBuffer(4),
    retry: DEFAULT_RETRY,
    concurrency: 4,
  };
// As an installed package runs it: no TypeScript loader in the threads (tsx's require hook would
  // turn the bundle's ES modules into CommonJS ones).
  const pool = new CollectorPool({ threads: 1, config, onScope: (m) => messages.push(m), worker: { filename: join(out, BUNDLE_ENTRY), execArgv: [] } });
  const limiters = new Limiters({ adaptive: false, maxLimit: 4 });
  const tenancy = f.sim.tenancyId;
  const [month] = costWindows(new Date(), 1);
  const task = (chunkId: number, phase: Task['phase'], scope: Task['scopes'][number], service: 'identity' | 'search' | 'usage'): Task => ({
    phase, chunkId, scopes: [scope], indexes: [0], limiter: limiters.get(service, scope.region),
  });
  try {
    await Promise.all([
      pool.run(task(1, 'compartments', { id: tenancy }, 'identity')),
      pool.run(task(2, 'resources', { id: tenancy, region: 'us-ashburn-1', path: '/' }, 'search')),
      pool.run(task(3, 'cost', { id: 'total', month: month!.month, start: month!.start, end: month!.end, tenantId: tenancy }, 'usage')),
    ]);
  } finally {
    await pool.close();
  }
  const by = (phase: string) => messages.find((m) => m.phase === phase)!;
  for (const phase of ['compartments', 'resources', 'cost']) assert.deepEqual(by(phase)?.failures, [], phase);
  const listed = new Set(by('compartments').rows.map((r) => r['id']));
  for (const c of f.sim.groundTruth.compartments) assert.ok(listed.has(c.id), `compartment ${c.id} listed`);
  assert.ok(by('resources').rows.length > 0, 'resources listed');
  assert.ok(by('cost').rows.length > 0, 'a cost total');
});
