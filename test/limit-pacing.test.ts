/**
 * --max-rps holds across threads: sends from 3 worker threads together are spaced by 1/R, so N sends
 * take at least (N − 1)/R, and R + 1 of them never fit in much less than a second.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createLimiter, readLimiterStats, SharedGate } from '../src/limit/index.js';

interface Input {
  entry: string;
  limiter: SharedArrayBuffer;
  loops: number;
  perLoop: number;
}

/** See limit-ceiling.test.ts: threads boot by require()ing this file; no top-level await. */
const BOOT = new URL(
  'data:text/javascript,' +
    encodeURIComponent(`import { createRequire } from 'node:module'; import { workerData } from 'node:worker_threads'; createRequire(workerData.entry)(workerData.entry);`),
);

async function workerMain({ limiter, loops, perLoop }: Input): Promise<void> {
  const gate = new SharedGate(limiter);
  const sent: number[] = [];
  const loop = async (): Promise<void> => {
    for (let i = 0; i < perLoop; i++) {
      const permit = await gate.acquire();
      sent.push(permit.sentAt);
      await sleep(2);
      gate.release(permit, { ok: true, throttled: false, latencyMs: 2 });
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  parentPort!.postMessage(sent);
}

async function sendTimes(limiter: SharedArrayBuffer, threads: number, loops: number, perLoop: number): Promise<number[]> {
  const input = { entry: fileURLToPath(import.meta.url), limiter, loops, perLoop } satisfies Input;
  const parts = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number[]>((resolve, reject) => {
          const w = new Worker(BOOT, { workerData: input });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  return parts.flat().sort((a, b) => a - b);
}

if (!isMainThread) {
  void workerMain(workerData as Input);
} else {
  for (const adaptive of [false, true]) {
    test(`maxRps 40 holds across 3 threads × 4 acquirers (adaptive: ${adaptive})`, async () => {
      const rps = 40;
      const limiter = createLimiter({ adaptive, maxLimit: 12, maxRps: rps });
      const t = await sendTimes(limiter, 3, 4, 4);
      const n = t.length;
      assert.equal(n, 48);
      const span = t[n - 1]! - t[0]!;
      // Pacing may release a send a fraction of a millisecond before its slot (timer granularity).
      assert.ok(span >= ((n - 1) / rps) * 1000 - 1, `${n} sends in ${span.toFixed(0)} ms, less than ${((n - 1) / rps) * 1000} ms`);
      // Any k intervals take at least k/R less τ: a send that went out late keeps its slot in the
      // schedule (control.ts, paceAnchor), τ = min(half an interval, 10 ms); so R + 1 sends need ~1 s.
      const tau = Math.min(1000 / rps / 2, 10);
      for (let i = 0; i + rps < n; i++) {
        assert.ok(t[i + rps]! - t[i]! >= 1000 - tau - 1, `${rps + 1} sends within ${(t[i + rps]! - t[i]!).toFixed(1)} ms`);
      }
      // Not grossly slow either: the typical gap between sends is about one interval. (Not the whole
      // span: on a loaded machine one thread may start a second after the others.)
      const gaps = t.slice(1).map((x, i) => x - t[i]!).sort((a, b) => a - b);
      const median = gaps[Math.floor(gaps.length / 2)]!;
      assert.ok(median < (1000 / rps) * 2, `pacing far too slow: median gap ${median.toFixed(1)} ms`);
      const s = readLimiterStats(limiter);
      assert.equal(s.sends, 48);
      assert.equal(s.maxRps, rps);
    });
  }
}
