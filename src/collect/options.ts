import type { AuthSpec } from '../oci/auth.js';
import type { RetryPolicy } from '../oci/retry.js';
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
  /** Requests in flight at most to each API endpoint (one limiter each), over all threads (default threads × concurrency). */
  maxInFlight?: number;
  /** Compartments per pool task. */
  chunkSize: number;
  /** Namespaces listed at once in the tag-definitions phase (the reference tool's max_workers_tags). */
  maxWorkersTags?: number;
  timeoutMs: number;
  retry: RetryPolicy;
  adaptive: boolean;
  maxRps?: number;
  /**
   * How tag defaults are listed: per compartment (default, the documented way), per tag definition
   * (undocumented: D calls instead of N), or auto: per definition, checked against a sample listed the
   * documented way, falling back to it on any difference.
   */
  tagDefaultsBy?: TagDefaultsBy;
  /** Compartments auto checks the documented way (default 100), or all of them to measure the difference. */
  verifySample?: number | 'all';
  /** Regions Resource Search covers: every READY subscription (default), the home region, or these. */
  regions?: 'all' | 'home' | string[];
  /** Collect every resource's tags through Resource Search (default true). */
  resources?: boolean;
  /** Cost by tag from the Usage API (default true). */
  cost?: boolean;
  /** Full calendar months of cost before the current one (default 3); the current month to date is added. */
  costMonths?: number;
  /** The run's clock for the cost window (tests pin it); default the system clock. */
  now?: () => Date;
  /** Aborting stops new calls; what was collected is written, marked incomplete. */
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  onWarning?: (message: string) => void;
  /**
   * Quote CSV cells that start with =, +, -, @ (tag values and descriptions are tenant-controlled) so a
   * spreadsheet does not run them as formulas. Off by default: the CSVs hold what the API returned.
   */
  csvEscapeFormulas?: boolean;
  /** Extra metadata recorded in the snapshot (e.g. the simulator's seed). */
  metadata?: Record<string, unknown>;
}

export const TENANCY_OCID = /^ocid1\.tenancy\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9]+$/i;
export const REGION_ID = /^[a-z]+(-[a-z]+)+-\d+$/;

export const TAG_DEFAULTS_BY = ['compartment', 'definition', 'auto'] as const;
export type TagDefaultsBy = (typeof TAG_DEFAULTS_BY)[number];
