import { parentPort, workerData } from 'node:worker_threads';
import pLimit from 'p-limit';
import { createIdentityClient, type IdentityHandle } from '../src/oci/client.js';
import { CallError, emptyStats, type Caller } from '../src/oci/call.js';
import * as ops from '../src/oci/operations.js';
import { SharedGate } from '../src/limit/index.js';
import type { Row } from '../src/resources/columns.js';
import { quietConsole } from '../src/oci/quiet-console.js';
import type { FailureRow, Phase, ScopeBatch, ScopeMessage, Task, TaskResult, WorkerConfig } from './protocol.js';

// One module instance per pool thread: the client, its signer (key parsed once) and its keep-alive
// connections are built on the first task and reused by every later one.
quietConsole();
const config = workerData as WorkerConfig;
const control = new Int32Array(config.control);
const gate = new SharedGate(config.limiter);
// Per-thread cap; the shared gate caps the whole run. Shared by the tasks this thread runs at once,
// so a chunk's tail overlapping the next chunk never exceeds it.
const inFlight = pLimit(config.concurrency);
let handle: Promise<IdentityHandle> | undefined;
// Calls in flight when the grace period after an interrupt ends are aborted through this signal. A poll
// of the shared flag is the only way to hear the coordinator mid-task without Piscina's per-task abort,
// which would terminate the thread (and its client).
const abortInFlight = new AbortController();
setInterval(() => {
  if (Atomics.load(control, 0) >= 2) abortInFlight.abort();
}, 100).unref();

// Results of all tasks running in this thread share one outgoing batch, flushed once the current burst
// of completions has been handled (setImmediate) or when it is large.
let batch: ScopeMessage[] = [];
let flushQueued = false;
function flush(): void {
  flushQueued = false;
  if (!batch.length) return;
  parentPort!.postMessage({ type: 'scopes', items: batch } satisfies ScopeBatch);
  batch = [];
}
function enqueue(m: ScopeMessage): void {
  batch.push(m);
  if (batch.length >= 64) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

const OPERATION: Record<Phase, string> = {
  compartments: 'ListCompartments',
  tag_namespaces: 'ListTagNamespaces',
  tag_definitions: 'ListTags',
  tag_defaults: 'ListTagDefaults',
};

function failureOf(phase: Phase, scopeId: string, e: unknown, operation = OPERATION[phase]): FailureRow {
  if (e instanceof CallError) return { phase, scopeId, operation, ...e.failure, attempts: e.attempts };
  return { phase, scopeId, operation, serviceCode: 'ClientError', message: String((e as Error)?.message ?? e).split('\n')[0], attempts: 1 };
}

export default async function run(task: Task): Promise<TaskResult> {
  handle ??= createIdentityClient(config.client);
  const { client } = await handle;
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
  const post = (m: Omit<ScopeMessage, 'type' | 'chunkId'>) => {
    enqueue({ type: 'scope', chunkId: task.chunkId, ...m });
    posted++;
  };

  switch (task.op) {
    case 'compartments': {
      const failures: FailureRow[] = [];
      const warnings: string[] = [];
      let tenancy: Row | undefined;
      let rows: Row[] = [];
      let attempts = 0;
      // Both at once: GetTenancy only names the root row, and waiting for it would add a round trip
      // before the listing's serial pages. A caller allowed to list compartments may still be refused
      // it, and that loses no data: a warning, with the OCID standing in for the name.
      const [root, listing] = await Promise.allSettled([ops.getTenancy(client, caller, task.tenancyId), ops.listCompartments(client, caller, task.tenancyId)]);
      if (root.status === 'fulfilled') {
        tenancy = root.value.row;
        attempts += root.value.attempts;
      } else {
        const f = failureOf('compartments', task.tenancyId, root.reason, 'GetTenancy');
        if (f.httpStatus === 401) failures.push(f);
        else warnings.push(`GetTenancy failed (${f.httpStatus ?? ''} ${f.serviceCode}: ${f.message}); the root compartment is named by its OCID`);
      }
      if (listing.status === 'fulfilled') {
        rows = listing.value.rows;
        attempts += listing.value.attempts;
      } else {
        failures.push(failureOf('compartments', task.tenancyId, listing.reason));
      }
      post({ phase: 'compartments', scopeId: task.tenancyId, rows, tenancy, failures, warnings, attempts });
      break;
    }
    case 'tag_namespaces':
      try {
        const r = await ops.listTagNamespaces(client, caller, task.tenancyId);
        post({ phase: 'tag_namespaces', scopeId: task.tenancyId, rows: r.rows, failures: [], attempts: r.attempts });
      } catch (e) {
        post({ phase: 'tag_namespaces', scopeId: task.tenancyId, rows: [], failures: [failureOf('tag_namespaces', task.tenancyId, e)], attempts: 0 });
      }
      break;
    case 'tag_definitions':
    case 'tag_defaults': {
      const phase = task.op;
      const list = phase === 'tag_definitions' ? ops.listTags : ops.listTagDefaults;
      await Promise.all(
        task.scopes.map((scope) =>
          inFlight(async () => {
            try {
              const r = await list(client, caller, scope.id);
              // Enrich with what the coordinator knows and the API omits, so rows are complete on their own.
              const extra = phase === 'tag_definitions' ? { tagNamespaceId: scope.id, tagNamespaceName: scope.name } : { compartmentName: scope.name };
              post({ phase, scopeId: scope.id, rows: r.rows.map((row) => ({ ...row, ...extra })), failures: [], attempts: r.attempts });
            } catch (e) {
              post({ phase, scopeId: scope.id, rows: [], failures: [failureOf(phase, scope.id, e)], attempts: e instanceof CallError ? e.attempts : 1 });
            }
          }),
        ),
      );
      break;
    }
  }
  flush();
  return { chunkId: task.chunkId, posted, stats };
}
