// The messages between the coordinator (src/collect) and the pool threads (workers/).
import type { Row } from '../src/resources/columns.js';
import type { ClientSpec } from '../src/oci/client.js';
import type { RetryPolicy } from '../src/oci/retry.js';
import type { CallStats } from '../src/oci/call.js';

/** Every phase that makes calls; the coordinator's declarations (src/collect/phases) and workers/calls.ts share these names. */
export type Phase = 'compartments' | 'tag_namespaces' | 'tag_definitions' | 'tag_defaults' | 'tag_defaults_by_definition' | 'regions' | 'resources' | 'cost';

/** The API a call goes to: each has its own client per thread and its own limiter (per region where regional). */
export type Service = 'identity' | 'search' | 'usage';

/** Given once per thread through Piscina's workerData: how to build the thread's own clients. */
export interface WorkerConfig {
  client: ClientSpec;
  /** Int32Array [0]: 0 running; 1 interrupted, start no new call; 2 grace period over, abort calls in flight. */
  control: SharedArrayBuffer;
  retry: RetryPolicy;
  /** Requests in flight per thread and limiter at most. */
  concurrency: number;
  /** The CLI's V8 heap flags (src/heap-flags.ts) are set again in each thread; never for a library caller. */
  heapFlags?: boolean;
}

/**
 * One unit of a phase's fan-out. `id` is what failures and the journal name; the other fields are what
 * the call needs (a compartment's name to enrich rows, a region, a month window…), plain data only.
 */
export interface Scope {
  id: string;
  /** Unique within the phase where `id` is not; defaults to `region|id` for a regional scope, else `id`. */
  key?: string;
  name?: string;
  region?: string;
  [field: string]: unknown;
}

/** What the journal, ordering and progress know a scope by. */
export const scopeKey = (s: Scope): string => s.key ?? (s.region ? `${s.region}|${s.id}` : s.id);

/**
 * The limiter a task's calls go through. Limiters are made as services and regions become known, so a
 * task carries its own (a SharedArrayBuffer is shared, not copied); `key` lets a thread keep one gate each.
 */
export interface LimiterRef {
  key: string;
  buffer: SharedArrayBuffer;
}

export interface Task {
  phase: Phase;
  chunkId: number;
  scopes: Scope[];
  /** Each scope's place in its phase's order, echoed in its ScopeMessage. */
  indexes: number[];
  limiter: LimiterRef;
}

export interface FailureRow {
  phase: Phase;
  scopeId: string;
  operation: string;
  httpStatus?: number;
  serviceCode: string;
  message: string;
  attempts: number;
  opcRequestId?: string;
  /** Region of a regional call; absent for home-region calls. */
  region?: string;
}

/**
 * Posted once by each thread when its modules are loaded: until then a task handed to it only waits,
 * so the coordinator hands tasks to loaded threads first.
 */
export interface ThreadLoaded {
  type: 'loaded';
  threadId: number;
}

/** What a thread posts: scope results, batched (one postMessage per result costs more than the result). */
export interface ScopeBatch {
  type: 'scopes';
  items: ScopeMessage[];
}

/**
 * Posted (parentPort, in a ScopeBatch) as each scope finishes, so rows reach disk and the journal while the chunk is
 * still running. `tenancy` carries the root compartment's GetTenancy answer for the compartments phase.
 */
export interface ScopeMessage {
  type: 'scope';
  chunkId: number;
  phase: Phase;
  /** The scope's key (see scopeKey). */
  scopeId: string;
  /** The scope's place in its phase's order (Task.indexes). */
  index: number;
  rows: Row[];
  tenancy?: Row;
  /** Empty when the scope was collected whole; a scope is journaled only then. */
  failures: FailureRow[];
  /** Problems that cost no data (e.g. GetTenancy refused: the root row keeps its OCID as name). */
  warnings?: string[];
  attempts: number;
}

/**
 * A task's own result. Batches and results travel on different ports and may arrive in either order,
 * so the result says how many scope results to wait for.
 */
export interface TaskResult {
  chunkId: number;
  posted: number;
  stats: CallStats;
}
