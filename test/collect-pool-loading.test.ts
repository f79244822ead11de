import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { CollectorPool } from '../src/collect/pool.js';
import type { Task, TaskResult, WorkerConfig } from '../workers/protocol.js';

// Piscina hands its first threads tasks before they have loaded their modules. The first task (the
// compartment listing, which every later phase waits for) must go to the first thread that is ready,
// not wait behind one that is still loading.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const SLOW_MS = 4_000;

function config(extra: object): WorkerConfig {
  return { client: { auth: { kind: 'api_key', configFile: '', profile: '', signer: 'fast' }, timeoutMs: 1000 }, control: new SharedArrayBuffer(4), retry: {} as WorkerConfig['retry'], concurrency: 1, ...extra };
}

const task = (chunkId: number): Task => ({ phase: 'compartments', chunkId, scopes: [], indexes: [], limiter: { key: 'identity', buffer: new SharedArrayBuffer(8) } });

test('the first tasks go to the thread that loaded first, not to one still loading', { timeout: 30_000 }, async () => {
  const pool = new CollectorPool({ threads: 2, config: config({ ids: new SharedArrayBuffer(12), slowMs: SLOW_MS }), onScope: () => {}, worker: { filename: fixture('slow-loading-worker.mjs') } });
  try {
    const started = performance.now();
    const results = (await Promise.all([pool.run(task(1)), pool.run(task(2))])) as (TaskResult & { threadId: number; slowest: number })[];
    const took = performance.now() - started;
    for (const r of results) assert.notEqual(r.threadId, r.slowest, 'a task went to the thread still loading');
    assert.ok(took < SLOW_MS, `the tasks waited ${Math.round(took)} ms, as long as the slow thread's load`);
  } finally {
    await pool.close();
  }
});

test('a worker that cannot load fails the tasks held for it with its error', { timeout: 30_000 }, async () => {
  const pool = new CollectorPool({ threads: 2, config: config({}), onScope: () => {}, worker: { filename: fixture('failing-worker.mjs') } });
  try {
    await assert.rejects(pool.run(task(1)), /fixture: this worker cannot load/);
  } finally {
    await pool.close();
  }
});

test('tasks held for a first thread fail when the pool is closed before one has loaded', { timeout: 30_000 }, async () => {
  const pool = new CollectorPool({ threads: 1, config: config({ ids: new SharedArrayBuffer(8), slowMs: SLOW_MS }), onScope: () => {}, worker: { filename: fixture('slow-loading-worker.mjs') } });
  const held = assert.rejects(pool.run(task(1)), /closed before any of its threads had loaded/);
  await pool.close();
  await held;
});
