import { availableParallelism } from 'node:os';
import type { AuthSpec } from '../oci/auth.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../oci/retry.js';
import type { Phase } from '../../workers/protocol.js';

export interface Progress {
  phase: Phase;
  done: number;
  total: number;
  failed: number;
  requests: number;
  throttled: number;
  /** The shared limiter's current concurrency limit (what adaptive mode has settled on so far). */
  limit: number;
  elapsedMs: number;
  phaseElapsedMs: number;
}

export interface CollectOptions {
  auth: AuthSpec;
  /** Defaults to the profile's tenancy. */
  tenancyId?: string;
  region?: string;
  /** Identity endpoint override, e.g. a simulator. */
  endpoint?: string;
  outputDir: string;
  /** Replace the outputs of an earlier run in outputDir. */
  force?: boolean;
  /** Continue the interrupted or partial run in outputDir from its journal. */
  resume?: boolean;
  threads: number;
  /** Requests in flight per thread at most. */
  concurrency: number;
  /** Compartments per pool task. */
  chunkSize: number;
  /** Namespaces listed at once in the tag-definitions phase (the reference tool's max_workers_tags). */
  maxWorkersTags?: number;
  timeoutMs: number;
  retry: RetryPolicy;
  adaptive: boolean;
  maxRps?: number;
  /** Aborting stops new calls; what was collected is written, marked incomplete. */
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  onWarning?: (message: string) => void;
  /** Extra metadata recorded in the snapshot (e.g. the simulator's seed). */
  metadata?: Record<string, unknown>;
}

export const DEFAULTS = {
  threads: Math.max(1, Math.min(4, availableParallelism())),
  // A bound on sockets and memory, not a setting to tune: the adaptive limiter finds the right number
  // in flight below threads × this (from the server's 429s), and --no-adaptive holds it.
  concurrency: 128,
  chunkSize: 50,
  timeoutSeconds: 30,
  retry: DEFAULT_RETRY,
  adaptive: true,
} as const;

export const TENANCY_OCID = /^ocid1\.tenancy\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9]+$/i;
export const REGION_ID = /^[a-z]+(-[a-z]+)+-\d+$/;
