/**
 * In-process simulation: a token-bucket "server" (shared by the threads through a SharedArrayBuffer,
 * answering 429 beyond R req/s) driven through the shared gate by real worker threads, each with many
 * requests in flight, every 429 retried until it succeeds (no loss). Prints the achieved rate and the
 * 429 fraction; asserts only loose bounds so that a noisy 2-core machine does not make it flaky.
 *
 * Knobs for longer tuning runs (not used by `npm test`):
 *   LIMIT_SIM_RATES=20,50,200 LIMIT_SIM_SECONDS=20 node --import tsx --test test/limit-sim.test.ts
 * LIMIT_SIM_BURST: the bucket's capacity in seconds of R (default 1, src/sim's default), or
 * LIMIT_SIM_BURST_ABS: in requests (the bench's rate scenario uses 20); LIMIT_SIM_LATENCY (ms, 5),
 * LIMIT_SIM_THREADS (2), LIMIT_SIM_CONC (16 per thread); LIMIT_SIM_HISTORY=1 prints the cuts,
 * LIMIT_SIM_TRACE=1 the limiter every ½ s. "sustained" leaves out the first second (the bucket's
 * initial burst); the 429 share is given over the whole run and after the first second.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createLimiter, readLimiterStats, SharedGate, type LimiterStats } from '../src/limit/index.js';
import { runBooted } from './helpers/thread-boot.js';

interface SimSpec {
  rps: number;
  burst: number;
  latencyMs: number;
  threads: number;
  concurrency: number;
  seconds: number;
}

interface WorkerInput {
  spec: SimSpec;
  limiter: SharedArrayBuffer;
  server: SharedArrayBuffer;
  buckets: SharedArrayBuffer;
  startMs: number;
}


const clock = (): number => performance.timeOrigin + performance.now();
const BUCKET_MS = 100;

/** Server state: Int32 [lock] then Float64 [tokens, lastRefillMs]. */
function makeServer(spec: SimSpec): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(8 + 16);
  const f = new Float64Array(sab, 8, 2);
  f[0] = spec.burst;
  f[1] = clock();
  return sab;
}

/** Admission at arrival, as a real token bucket does; both answers take the latency. */
async function serve(server: SharedArrayBuffer, spec: SimSpec): Promise<boolean> {
  const l = new Int32Array(server, 0, 1);
  const f = new Float64Array(server, 8, 2);
  while (Atomics.compareExchange(l, 0, 0, 1) !== 0);
  const now = clock();
  const tokens = Math.min(spec.burst, f[0]! + ((now - f[1]!) / 1000) * spec.rps);
  const ok = tokens >= 1;
  f[0] = ok ? tokens - 1 : tokens;
  f[1] = now;
  Atomics.store(l, 0, 0);
  await sleep(spec.latencyMs);
  return ok;
}

async function workerMain(input: WorkerInput): Promise<void> {
  const { spec, limiter, server, startMs } = input;
  const gate = new SharedGate(limiter);
  // [successes, throttles] per 100 ms bucket since start.
  const buckets = new Int32Array(input.buckets);
  const nb = buckets.length / 2;
  const deadline = startMs + spec.seconds * 1000;
  const bucketOf = (t: number): number => Math.min(nb - 1, Math.max(0, Math.floor((t - startMs) / BUCKET_MS)));
  const loop = async (): Promise<void> => {
    while (clock() < deadline) {
      // One logical request: retried until it succeeds.
      for (let attempt = 0; ; attempt++) {
        const permit = await gate.acquire({ retry: attempt > 0 });
        const t0 = clock();
        const ok = await serve(server, spec);
        const t1 = clock();
        gate.release(permit, { ok, throttled: !ok, latencyMs: t1 - t0 });
        Atomics.add(buckets, bucketOf(t1) * 2 + (ok ? 0 : 1), 1);
        if (ok) break;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, loop));
  parentPort!.postMessage('done');
}

export interface SimResult {
  rps: number;
  /** Successes per second after the first second (the bucket's initial burst excluded). */
  sustained: number;
  /** Successes per second over the whole run, initial burst included. */
  overall: number;
  throttledFraction: number;
  /** The same, leaving out the first second (the discovery of R). */
  throttledAfter1s: number;
  stats: LimiterStats;
}

async function runSim(spec: SimSpec): Promise<SimResult> {
  const limiter = createLimiter({ adaptive: true, maxLimit: spec.threads * spec.concurrency });
  const server = makeServer(spec);
  const nb = Math.ceil((spec.seconds * 1000) / BUCKET_MS) + 50;
  const bucketBuf = new SharedArrayBuffer(nb * 2 * 4);
  const startMs = clock() + 300; // let the threads boot (tsx adds a few hundred ms per thread)
  const input = { entry: fileURLToPath(import.meta.url), spec, limiter, server, buckets: bucketBuf, startMs } satisfies WorkerInput & { entry: string };
  const { done } = runBooted(Array.from({ length: spec.threads }, () => input));
  const trace = process.env.LIMIT_SIM_TRACE
    ? setInterval(() => {
        const s = readLimiterStats(limiter);
        console.log(`t=${s.elapsedMs} limit=${s.limit} rate=${s.rate} inFlight=${s.inFlight} sends=${s.sends} throttles=${s.throttles}`);
      }, 500)
    : undefined;
  await done.finally(() => clearInterval(trace));
  const b = new Int32Array(bucketBuf);
  const measured = Math.floor((spec.seconds * 1000) / BUCKET_MS);
  let ok = 0;
  let okAfter1s = 0;
  let throttled = 0;
  let throttledAfter1s = 0;
  for (let i = 0; i < measured; i++) {
    ok += b[i * 2]!;
    throttled += b[i * 2 + 1]!;
    if (i >= 1000 / BUCKET_MS) {
      okAfter1s += b[i * 2]!;
      throttledAfter1s += b[i * 2 + 1]!;
    }
  }
  return {
    rps: spec.rps,
    sustained: okAfter1s / (spec.seconds - 1),
    overall: ok / spec.seconds,
    throttledFraction: throttled / (ok + throttled),
    throttledAfter1s: throttledAfter1s / (okAfter1s + throttledAfter1s),
    stats: readLimiterStats(limiter),
  };
}

if (!isMainThread) {
  void workerMain(workerData as WorkerInput);
} else {
  const rates = (process.env.LIMIT_SIM_RATES ?? '50').split(',').map(Number);
  const seconds = Number(process.env.LIMIT_SIM_SECONDS ?? 4);
  const burstSeconds = Number(process.env.LIMIT_SIM_BURST ?? 1);
  const burstAbs = process.env.LIMIT_SIM_BURST_ABS ? Number(process.env.LIMIT_SIM_BURST_ABS) : undefined;
  const latencyMs = Number(process.env.LIMIT_SIM_LATENCY ?? 5);
  const threads = Number(process.env.LIMIT_SIM_THREADS ?? 2);
  const concurrency = Number(process.env.LIMIT_SIM_CONC ?? 16);
  for (const rps of rates) {
    const burst = burstAbs ?? Math.max(1, Math.ceil(rps * burstSeconds));
    test(`adaptive limiter against a ${rps} req/s token bucket (burst ${burst}): ${threads} threads × ${concurrency}, ${latencyMs} ms latency, ${seconds} s`, async () => {
      const r = await runSim({ rps, burst, latencyMs, threads, concurrency, seconds });
      const s = r.stats;
      console.log(
        `R=${rps}: sustained ${r.sustained.toFixed(1)} req/s (${((r.sustained / rps) * 100).toFixed(1)} %), overall ${r.overall.toFixed(1)}, ` +
          `429 ${(r.throttledFraction * 100).toFixed(2)} % (after 1 s: ${(r.throttledAfter1s * 100).toFixed(2)} %) | limit ${s.limit} rate ${s.rate} cuts ${s.cuts} throttles ${s.throttles} ` +
          `retries ${s.retries} retryWaits ${s.retryWaits} maxInFlight ${s.maxInFlight} rtt ${s.minRttMs}/${s.smoothedRttMs} ms`,
      );
      if (process.env.LIMIT_SIM_HISTORY) console.log(JSON.stringify(s.history));
      assert.ok(r.sustained >= 0.75 * rps, `sustained ${r.sustained} < 75 % of ${rps}`);
      // Loose, for a loaded machine: the first second (the burst running out and the limit found) may
      // cost a window's worth of 429s in so short a run; after it, a few per cent. The figures are the
      // bench's rate scenarios.
      assert.ok(r.throttledFraction <= 0.2, `429 fraction ${r.throttledFraction} > 20 %`);
      assert.ok(r.throttledAfter1s <= 0.1, `429 fraction after the first second ${r.throttledAfter1s} > 10 %`);
      assert.ok(s.maxInFlight <= threads * concurrency);
      assert.equal(s.inFlight, 0);
    });
  }
}
