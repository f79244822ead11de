import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dispatcher, type Feed } from '../src/collect/dispatch.js';
import { Journal } from '../src/collect/journal.js';
import type { CollectorPool } from '../src/collect/pool.js';
import { createLimiter } from '../src/limit/index.js';
import type { ScopeMessage, Task, TaskResult } from '../workers/protocol.js';

// The dispatcher hands a phase's tasks to the pool while the scopes handed out and not yet answered
// stay within what the limiters let out at once plus a task's worth per thread. A pool stand-in that
// answers scopes only when the test says shows what was handed out at each step.

const PER_TASK = 5;
const THREADS = 2;

function scopeTasks(n: number): Task[] {
  const limiter = { key: 'identity', buffer: createLimiter({ adaptive: false, maxLimit: 64 }) };
  return Array.from({ length: n / PER_TASK }, (_, t) => ({
    phase: 'tag_defaults' as const,
    chunkId: t,
    scopes: Array.from({ length: PER_TASK }, (_, i) => ({ id: `c${t * PER_TASK + i}` })),
    indexes: Array.from({ length: PER_TASK }, (_, i) => t * PER_TASK + i),
    limiter,
  }));
}

/** Runs tasks only as far as the test answers their scopes; a task ends once all of its are answered. */
class HeldPool {
  readonly size = THREADS;
  readonly started: number[] = [];
  /** The most scopes handed out and not answered at once. */
  maxOut = 0;
  deliver!: (m: ScopeMessage) => void;
  readonly #open = new Map<Task, { left: Set<number>; end: (r: TaskResult) => void }>();

  get out(): number {
    let n = 0;
    for (const o of this.#open.values()) n += o.left.size;
    return n;
  }

  run(task: Task): Promise<TaskResult> {
    this.started.push(task.chunkId);
    const ended = new Promise<TaskResult>((end) => this.#open.set(task, { left: new Set(task.scopes.keys()), end }));
    this.maxOut = Math.max(this.maxOut, this.out);
    return ended;
  }

  answer(task: Task, ...which: number[]): void {
    const o = this.#open.get(task)!;
    for (const i of which) {
      assert.ok(o.left.delete(i), `scope ${i} of task ${task.chunkId} answered twice`);
      this.deliver({ type: 'scope', chunkId: task.chunkId, phase: task.phase, scopeId: task.scopes[i]!.id, index: task.indexes[i]!, rows: [], failures: [], attempts: 1 });
    }
    if (o.left.size) return;
    this.#open.delete(task);
    o.end({ chunkId: task.chunkId, posted: task.scopes.length, stats: { requests: task.scopes.length, throttled: 0, retried: 0 } });
  }

  answerAll(): void {
    for (const [task, o] of [...this.#open]) this.answer(task, ...o.left);
  }
}

const settle = () => new Promise((r) => setImmediate(r));

/** Runs a phase of `n` scopes on a HeldPool: `steps` answers some, then everything left is answered. */
async function feeding(n: number, feed: Partial<Feed>, steps: (pool: HeldPool, tasks: Task[]) => Promise<void>): Promise<HeldPool> {
  const dir = mkdtempSync(join(tmpdir(), 'oci-growth-feed-'));
  const { journal } = Journal.open(dir, { tenancyId: 'ocid1.tenancy.oc1..feed', target: 'test' }, false);
  try {
    const pool = new HeldPool();
    const d = new Dispatcher(pool as unknown as CollectorPool, journal, undefined, performance.now(), () => {});
    pool.deliver = (m) => d.deliver(m);
    const tasks = scopeTasks(n);
    let finished = false;
    const done = d
      .phase('tag_defaults', tasks, n, async () => {}, { perTask: PER_TASK, parallel: Infinity, limiter: tasks[0]!.limiter.buffer, inFlightLimit: () => 10, ...feed })
      .finally(() => (finished = true));
    await settle();
    await steps(pool, tasks);
    while (!finished) {
      pool.answerAll();
      await settle();
    }
    await done;
    assert.deepEqual(pool.started, tasks.map((t) => t.chunkId), 'every task handed out once, in scope order');
    return pool;
  } finally {
    journal.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('tasks are handed out up to the limit plus a task per thread, counting the scopes still out, not the tasks', async () => {
  const pool = await feeding(60, {}, async (pool, tasks) => {
    // 10 the limiter lets out, and 5 more per thread for 2 threads: 20 scopes, 4 tasks.
    assert.deepEqual(pool.started, [0, 1, 2, 3]);
    // Task 0 down to its last scope (a retry, say): 16 scopes out, and another task would make 21.
    pool.answer(tasks[0]!, 0, 1, 2, 3);
    await settle();
    assert.equal(pool.started.length, 4, `a fifth task started with ${pool.out} scopes out`);
    // One more answer anywhere makes room, task 0 still running: it counts as its one scope left.
    pool.answer(tasks[1]!, 0);
    await settle();
    assert.deepEqual(pool.started, [0, 1, 2, 3, 4]);
  });
  assert.equal(pool.maxOut, 20);
});

test('what is handed out follows the limit as it grows', async () => {
  let limit = 10;
  await feeding(100, { inFlightLimit: () => limit }, async (pool, tasks) => {
    assert.equal(pool.started.length, 4);
    limit = 40;
    // The limit is looked at again as answers come in.
    pool.answer(tasks[0]!, 0);
    await settle();
    // 40 + 5 per thread: 50 scopes may be out; 19 were, so six tasks more.
    assert.equal(pool.out, 49, 'the room the larger limit leaves is filled');
    assert.equal(pool.started.length, 10);
  });
});

test('no more of the phase\'s tasks run at once than it allows, whatever the room', async () => {
  await feeding(30, { parallel: 2, inFlightLimit: () => 100 }, async (pool, tasks) => {
    assert.deepEqual(pool.started, [0, 1]);
    pool.answer(tasks[0]!, 0, 1, 2, 3);
    await settle();
    assert.equal(pool.started.length, 2, 'a task down to one scope still runs');
    pool.answer(tasks[0]!, 4);
    await settle();
    assert.deepEqual(pool.started, [0, 1, 2]);
  });
});
