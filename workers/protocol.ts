// The messages between the coordinator (src/collect) and the pool threads (workers/).
import type { Row } from '../src/resources/columns.js';
import type { ClientSpec } from '../src/oci/client.js';
import type { RetryPolicy } from '../src/oci/retry.js';
import type { CallStats } from '../src/oci/call.js';

export type Phase = 'compartments' | 'tag_namespaces' | 'tag_definitions' | 'tag_defaults';

/** Given once per thread through Piscina's workerData: how to build the thread's own client. */
export interface WorkerConfig {
  client: ClientSpec;
  /** The run's shared limiter (src/limit), one for all threads. */
  limiter: SharedArrayBuffer;
  /** Int32Array [0]: 0 running; 1 interrupted, start no new call; 2 grace period over, abort calls in flight. */
  control: SharedArrayBuffer;
  retry: RetryPolicy;
  /** Requests in flight per thread at most. */
  concurrency: number;
}

export interface Scope {
  id: string;
  name: string;
}

export type Task =
  | { op: 'compartments'; chunkId: number; tenancyId: string }
  | { op: 'tag_namespaces'; chunkId: number; tenancyId: string }
  | { op: 'tag_definitions'; chunkId: number; scopes: Scope[] }
  | { op: 'tag_defaults'; chunkId: number; scopes: Scope[] };

export interface FailureRow {
  phase: Phase;
  scopeId: string;
  operation: string;
  httpStatus?: number;
  serviceCode: string;
  message: string;
  attempts: number;
  opcRequestId?: string;
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
  scopeId: string;
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
