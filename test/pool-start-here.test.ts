import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { CollectorPool } from '../src/collect/pool.js';
import { Limiters } from '../src/collect/limiters.js';
import type { ScopeMessage, Task, WorkerConfig } from '../workers/protocol.js';
import { tmp } from './helpers/cli.js';

// Threads take a while to load the SDK, and a run starts with serial listings everything waits for:
// the coordinator runs tasks itself (one at a time) until a thread is up, then leaves them to the pool.

let sim: Simulator;
let config: WorkerConfig;
before(async () => {
  sim = await startSimulator({ compartments: 7, seed: 5 });
  const { configFile, profile } = await sim.writeConfig(tmp('oci-growth-cfg-'));
  config = {
    client: { auth: { kind: 'api_key', configFile, profile, signer: 'fast' }, endpoint: sim.url, timeoutMs: 10_000 },
    control: new SharedArrayBuffer(4),
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
    concurrency: 4,
  };
});
after(() => sim.close());

const limiters = new Limiters({ adaptive: true, maxLimit: 8 });
let chunkId = 0;
const listing = (): Task => ({ phase: 'compartments', chunkId: chunkId++, scopes: [{ id: sim.groundTruth.tenancy.id }], indexes: [0], limiter: limiters.get('identity') });

async function withPool(startHere: boolean | undefined, body: (pool: CollectorPool, got: ScopeMessage[]) => Promise<void>): Promise<void> {
  const got: ScopeMessage[] = [];
  const pool = new CollectorPool({ threads: 1, config, onScope: (m) => got.push(m), ...(startHere === undefined ? {} : { startHere }) });
  try {
    await body(pool, got);
  } finally {
    await pool.close();
  }
}

test('the first task runs in the coordinator while the thread loads; later ones run on the thread', { timeout: 60_000 }, async () => {
  await withPool(undefined, async (pool, got) => {
    const first = await pool.run(listing());
    assert.equal(pool.tasksRunHere, 1);
    assert.equal(first.posted, 1);
    assert.equal(got[0]!.rows.length, sim.groundTruth.compartments.length + sim.groundTruth.deletedCompartmentIds.length, 'the listing is whole');
    assert.ok(first.stats.requests >= 2, 'its calls (GetTenancy, ListCompartments) are counted like a thread’s');
    await pool.ready;
    const second = await pool.run(listing());
    assert.equal(pool.tasksRunHere, 1, 'once a thread is up, tasks go to the pool');
    assert.equal(second.posted, 1);
    assert.deepEqual(got[1]!.rows, got[0]!.rows);
  });
});

test('one task at a time in the coordinator: what comes meanwhile waits for a thread', { timeout: 60_000 }, async () => {
  await withPool(undefined, async (pool, got) => {
    const results = await Promise.all([pool.run(listing()), pool.run(listing()), pool.run(listing())]);
    assert.equal(pool.tasksRunHere, 1);
    assert.deepEqual(results.map((r) => r.posted), [1, 1, 1]);
    assert.equal(got.length, 3);
  });
});

test('startHere: false leaves every task to the threads', { timeout: 60_000 }, async () => {
  await withPool(false, async (pool, got) => {
    await pool.run(listing());
    assert.equal(pool.tasksRunHere, 0);
    assert.equal(got.length, 1);
  });
});
