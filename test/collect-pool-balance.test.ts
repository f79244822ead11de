import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CollectorPool } from '../src/collect/pool.js';
import type { ScopeMessage, Task, TaskResult, WorkerConfig } from '../workers/protocol.js';

// A task goes to the thread with the fewest scopes still to answer, not the fewest tasks: a task down to
// its last scope (a retry) is nearly done, and a thread holding two such has more room than one whose
// single task has all its scopes queued behind the thread's own cap.

const fixture = fileURLToPath(new URL('./fixtures/held-scopes-worker.mjs', import.meta.url));
const limiter = { key: 'identity', buffer: new SharedArrayBuffer(8) };
let chunkId = 0;

/** A task of `n` scopes, the first `held` of them answered only once the test releases them. */
function task(n: number, held: number): Task {
  const id = chunkId++;
  return {
    phase: 'tag_defaults',
    chunkId: id,
    scopes: Array.from({ length: n }, (_, i) => ({ id: `t${id}-c${i}`, hold: i < held })),
    indexes: Array.from({ length: n }, (_, i) => i),
    limiter,
  };
}

test('a task goes to the thread with the fewest scopes outstanding, not the fewest tasks', { timeout: 30_000 }, async () => {
  const release = new Int32Array(new SharedArrayBuffer(4));
  const answered = new Map<number, number>();
  const config = {
    client: { auth: { kind: 'api_key', configFile: '', profile: '', signer: 'fast' }, timeoutMs: 1000 },
    control: new SharedArrayBuffer(4),
    retry: {} as WorkerConfig['retry'],
    concurrency: 1,
    threads: 2,
    loading: new SharedArrayBuffer(4),
    release: release.buffer,
  } as WorkerConfig;
  const onScope = (m: ScopeMessage) => answered.set(m.chunkId, (answered.get(m.chunkId) ?? 0) + 1);
  const pool = new CollectorPool({ threads: 2, config, onScope, worker: { filename: fixture } });
  const answeredAll = async (t: Task, n: number) => {
    for (let i = 0; (answered.get(t.chunkId) ?? 0) < n; i++) {
      assert.ok(i < 1000, `task ${t.chunkId}: ${answered.get(t.chunkId) ?? 0} of ${n} scopes answered`);
      await sleep(5);
    }
  };
  try {
    // Both threads load together; the second one's "loaded" follows the first task's result closely.
    await pool.run(task(1, 0));
    await sleep(100);
    const oneLeftA = task(10, 1);
    const ranA = pool.run(oneLeftA);
    await answeredAll(oneLeftA, 9);
    // The other thread has nothing outstanding: this one goes there, and all ten of it wait.
    const allHeld = task(10, 10);
    const ranHeld = pool.run(allHeld);
    const oneLeftB = task(10, 1);
    const ranB = pool.run(oneLeftB);
    await answeredAll(oneLeftB, 9);
    // Now one thread runs two tasks with a scope left each, the other one task with ten.
    const next = task(1, 1);
    const ranNext = pool.run(next);
    Atomics.store(release, 0, 1);
    Atomics.notify(release, 0);
    const [a, held, b, n] = (await Promise.all([ranA, ranHeld, ranB, ranNext])) as (TaskResult & { threadId: number })[];
    assert.notEqual(held!.threadId, a!.threadId, 'the task of ten went to the thread with a scope left, not the idle one');
    assert.equal(b!.threadId, a!.threadId, 'a task went to the thread with ten scopes queued, not the one with one');
    assert.equal(n!.threadId, a!.threadId, 'the next task went to the thread with ten scopes queued (it runs fewer tasks), not the one with two');
  } finally {
    await pool.close();
  }
});
