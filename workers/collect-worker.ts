import { parentPort, threadId, workerData } from 'node:worker_threads';
import pLimit, { type LimitFunction } from 'p-limit';
import { CallError, emptyStats, type Caller } from '../src/oci/call.js';
import { SharedGate } from '../src/limit/index.js';
import { applyHeapFlags } from '../src/heap-flags.js';
import { quietConsole } from '../src/oci/quiet-console.js';
import { CALLS } from './calls/index.js';
import { Clients } from './clients.js';
import { failureOf } from './failure.js';
import { scopeKey, type LimiterRef, type ScopeBatch, type ScopeMessage, type Task, type TaskResult, type ThreadLoaded, type WorkerConfig } from './protocol.js';

// One module instance per pool thread: the clients, their signer (key parsed once) and their keep-alive
// connections are built on first use and reused by every later task.
quietConsole();
const config = workerData as WorkerConfig;
if (config.heapFlags) applyHeapFlags();
const control = new Int32Array(config.control);
const clients = new Clients(config.client);

/**
 * Per limiter (service and region): the shared gate that caps the whole run, and this thread's own cap,
 * shared by the tasks the thread runs at once so a chunk's tail overlapping the next never exceeds it.
 * Separate per limiter, so slow Usage calls never hold the slots Identity calls need.
 */
const lanes = new Map<string, { gate: SharedGate; inFlight: LimitFunction }>();
function lane(ref: LimiterRef) {
  let l = lanes.get(ref.key);
  if (!l) lanes.set(ref.key, (l = { gate: new SharedGate(ref.buffer), inFlight: pLimit(config.concurrency) }));
  return l;
}

// Calls in flight when the grace period after an interrupt ends are aborted through this signal. A poll
// of the shared flag is the only way to hear the coordinator mid-task without Piscina's per-task abort,
// which would terminate the thread (and its clients).
const abortInFlight = new AbortController();
setInterval(() => {
  if (Atomics.load(control, 0) >= 2) abortInFlight.abort();
}, 100).unref();

// Results of all tasks running in this thread share one outgoing batch, flushed once the current burst
// of completions has been handled (setImmediate) or when it is large.
let batch: ScopeMessage[] = [];
/** Buffers the batch's results hand over rather than copy (see ScopeOutcome.transfer). */
let transfer: ArrayBuffer[] = [];
let flushQueued = false;
function flush(): void {
  flushQueued = false;
  if (!batch.length) return;
  parentPort!.postMessage({ type: 'scopes', items: batch } satisfies ScopeBatch, transfer);
  batch = [];
  transfer = [];
}
function enqueue(m: ScopeMessage, buffers: ArrayBuffer[] = []): void {
  batch.push(m);
  transfer.push(...buffers);
  if (batch.length >= 64) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

// Everything a task needs is loaded: the coordinator may hand this thread its tasks.
parentPort!.postMessage({ type: 'loaded', threadId } satisfies ThreadLoaded);

export default async function run(task: Task): Promise<TaskResult> {
  const phaseCall = CALLS[task.phase];
  if (!phaseCall) throw new Error(`no call for phase ${task.phase}`);
  const { gate, inFlight } = lane(task.limiter);
  const stats = emptyStats();
  const caller: Caller = {
    gate,
    policy: config.retry,
    timeoutMs: config.client.timeoutMs,
    stats,
    cancelled: () => Atomics.load(control, 0) !== 0,
    signal: abortInFlight.signal,
  };
  let posted = 0;
  await Promise.all(
    task.scopes.map((scope, i) =>
      inFlight(async () => {
        let m: Omit<ScopeMessage, 'type' | 'chunkId' | 'index'>;
        let buffers: ArrayBuffer[] | undefined;
        try {
          const r = await phaseCall.run(clients, caller, scope);
          m = { phase: task.phase, scopeId: scopeKey(scope), rows: r.rows, tenancy: r.tenancy, failures: r.failures ?? [], warnings: r.warnings, attempts: r.attempts };
          buffers = r.transfer;
        } catch (e) {
          m = { phase: task.phase, scopeId: scopeKey(scope), rows: [], failures: [failureOf(task.phase, scope, e, phaseCall.operation)], attempts: e instanceof CallError ? e.attempts : 1 };
        }
        enqueue({ type: 'scope', chunkId: task.chunkId, index: task.indexes[i]!, ...m }, buffers);
        posted++;
      }),
    ),
  );
  flush();
  return { chunkId: task.chunkId, posted, stats };
}
