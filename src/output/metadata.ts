// The run's metadata as the caller gives it, and its form in the JSON snapshot.
import type { GovernanceReport } from '../analyze/governance.js';
import { snake } from '../resources/index.js';

export interface RunMetadata {
  tool: string;
  version: string;
  tenancyId: string;
  region: string;
  endpoint?: string;
  startedAt: Date;
  /** Defaults to the moment finish() is called. */
  finishedAt?: Date;
  complete: boolean;
  /** Milliseconds per phase (and `total`). */
  timings: Record<string, number>;
  /** Request counters: total, throttled, retried, … */
  requests: Record<string, number>;
  /** Anything else worth keeping with the snapshot (limiter settings, interrupted, …). */
  extra?: Record<string, unknown>;
}

/** Whether the caller reported the run as stopped early (extra.interrupted), which the summary says first. */
export function isInterrupted(meta: RunMetadata): boolean {
  return meta.extra?.['interrupted'] === true;
}

/** Rows are snake_case (the OCI field names); metadata follows suit, nested objects included. */
function snakeKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), snakeKeys(v)]));
  return value;
}

/**
 * The analysis' counts, written out here rather than through snakeKeys: their keys include check ids and
 * OCI error codes, which must stay as they are.
 */
function governanceMetadata(g: GovernanceReport): Record<string, unknown> {
  const e = g.effective;
  return {
    effective_tag_defaults: {
      compartments: e.compartments,
      covered: e.covered,
      rows: e.rows,
      left_out: { unreadable: e.leftOut.unreadable, under_unreadable: e.leftOut.underUnreadable, ancestor_not_listed: e.leftOut.ancestorNotListed },
      misplaced_defaults: e.misplacedDefaults,
    },
    findings: { total: g.findings.total, by_severity: g.findings.bySeverity, by_check: g.findings.byCheck },
    caveats: g.caveats,
  };
}

export function snapshotMetadata(
  meta: RunMetadata,
  extra: { runId: string; tenancyName?: string; counts: Record<string, number>; finishedAt: Date; governance?: GovernanceReport },
): Record<string, unknown> {
  const core: Record<string, unknown> = {
    tool: meta.tool,
    version: meta.version,
    run_id: extra.runId,
    tenancy_id: meta.tenancyId,
    tenancy_name: extra.tenancyName ?? null,
    region: meta.region,
    endpoint: meta.endpoint ?? null,
    started_at: meta.startedAt.toISOString(),
    finished_at: extra.finishedAt.toISOString(),
    complete: meta.complete,
    counts: extra.counts,
    timings_ms: snakeKeys(meta.timings),
    requests: snakeKeys(meta.requests),
    ...(extra.governance ? { governance: governanceMetadata(extra.governance) } : {}),
  };
  // Extra keys follow the core ones and can never replace them: `complete` must mean what we computed.
  const rest = (snakeKeys(meta.extra ?? {}) as Record<string, unknown>) ?? {};
  for (const [k, v] of Object.entries(rest)) if (!(k in core) && v !== undefined) core[k] = v;
  return core;
}
