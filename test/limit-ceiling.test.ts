/**
 * The concurrency limit holds across real worker threads: 4 threads, each with several acquirers
 * holding permits for random short times, never have more in flight together than the limit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createLimiter, readLimiterStats, SharedGate } from '../src/limit/index.js';
import { runBooted } from './helpers/thread-boot.js';

interface Input {
  entry: string;
  limiter: SharedArrayBuffer;
  /** Int32 [in flight now, most in flight seen]: kept by the test, independently of the limiter. */
  probe: SharedArrayBuffer;
  loops: number;
  iterations: number;
}


async function workerMain({ limiter, probe, loops, iterations }: Input): Promise<void> {
  const gate = new SharedGate(limiter);
  const p = new Int32Array(probe);
  const loop = async (): Promise<void> => {
    for (let i = 0; i < iterations; i++) {
      const permit = await gate.acquire();
      const now = Atomics.add(p, 0, 1) + 1;
      for (let seen = Atomics.load(p, 1); now > seen; seen = Atomics.load(p, 1)) if (Atomics.compareExchange(p, 1, seen, now) === seen) break;
      const ms = Math.random() * 3;
      await sleep(ms);
      // Leave the probe before releasing: the slot may be taken again the moment it is released.
      Atomics.sub(p, 0, 1);
      gate.release(permit, { ok: true, throttled: false, latencyMs: ms });
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  parentPort!.postMessage('done');
}

async function runThreads(limiter: SharedArrayBuffer, threads: number, loops: number, iterations: number): Promise<number> {
  const probe = new SharedArrayBuffer(8);
  const input = { entry: fileURLToPath(import.meta.url), limiter, probe, loops, iterations } satisfies Input;
  await runBooted(Array.from({ length: threads }, () => input)).done;
  return new Int32Array(probe)[1]!;
}

if (!isMainThread) {
  void workerMain(workerData as Input);
} else {
  test('fixed limit: 4 threads × 6 acquirers never exceed 5 in flight together', async () => {
    const limiter = createLimiter({ adaptive: false, maxLimit: 5 });
    const max = await runThreads(limiter, 4, 6, 25);
    const s = readLimiterStats(limiter);
    assert.ok(max <= 5, `saw ${max} in flight`);
    assert.equal(max, 5, 'the limit should have been reached with 24 acquirers');
    assert.equal(s.maxInFlight, 5);
    assert.equal(s.inFlight, 0);
    assert.equal(s.sends, 4 * 6 * 25);
  });

  test('adaptive: the limit grows from its start and never passes maxLimit across threads', async () => {
    const limiter = createLimiter({ adaptive: true, maxLimit: 7, initialLimit: 2 });
    const max = await runThreads(limiter, 4, 5, 25);
    const s = readLimiterStats(limiter);
    assert.ok(max <= 7, `saw ${max} in flight`);
    assert.ok(s.maxInFlight <= 7 && s.limit <= 7);
    assert.ok(max > 2, 'the limit should have grown from its initial 2');
    assert.equal(s.inFlight, 0);
  });
}
