import { validateFaults, type FaultProbabilities } from './faults.js';
import { MAX_LIMIT } from './paging.js';

// Defaults and validation in one place: a bad option fails at start with one clear message,
// never as a strange tenancy or a server that silently ignores it.

export interface SimOptions {
  seed?: number;
  compartments?: number;
  deletedCompartments?: number;
  namespaces?: number;
  tagDefinitions?: number;
  tagDefaultFraction?: number;
  forbidden?: number;
  /** Whether the root sets the ${iam.principal.name} tag default; off by default, so the demo shows that finding too. */
  rootCreatedBy?: boolean;
  host?: string;
  port?: number;
  region?: string;
  latencyMs?: number;
  jitterMs?: number;
  latencyPerInFlightMs?: number;
  rateLimit?: { rps: number; burst?: number };
  maxConcurrent?: number;
  pageCap?: number;
  faults?: FaultProbabilities;
  faultSeed?: number;
  retryAfterSeconds?: number;
  /** Sign with this key instead of a generated one (the CLI reuses the key it wrote before). */
  privateKeyPem?: string;
}

export type ResolvedOptions = Required<Omit<SimOptions, 'rateLimit' | 'maxConcurrent' | 'retryAfterSeconds' | 'privateKeyPem'>> &
  Pick<SimOptions, 'rateLimit' | 'maxConcurrent' | 'retryAfterSeconds' | 'privateKeyPem'>;

export const DEFAULTS = {
  seed: 1,
  compartments: 2000,
  namespaces: 9,
  tagDefinitions: 33,
  tagDefaultFraction: 0.3,
  forbidden: 0,
  rootCreatedBy: false,
  host: '127.0.0.1',
  port: 0,
  region: 'us-ashburn-1',
  pageCap: MAX_LIMIT,
} as const;

export const defaultDeleted = (compartments: number) => Math.max(3, Math.round(compartments * 0.01));

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isNonNegative = (n: number) => Number.isFinite(n) && n >= 0;

export function resolveOptions(o: SimOptions = {}): ResolvedOptions {
  const compartments = o.compartments ?? DEFAULTS.compartments;
  const r: ResolvedOptions = {
    seed: o.seed ?? DEFAULTS.seed,
    compartments,
    deletedCompartments: o.deletedCompartments ?? defaultDeleted(compartments),
    namespaces: o.namespaces ?? DEFAULTS.namespaces,
    tagDefinitions: o.tagDefinitions ?? DEFAULTS.tagDefinitions,
    tagDefaultFraction: o.tagDefaultFraction ?? DEFAULTS.tagDefaultFraction,
    forbidden: o.forbidden ?? DEFAULTS.forbidden,
    rootCreatedBy: o.rootCreatedBy ?? DEFAULTS.rootCreatedBy,
    host: o.host ?? DEFAULTS.host,
    port: o.port ?? DEFAULTS.port,
    region: o.region ?? DEFAULTS.region,
    latencyMs: o.latencyMs ?? 0,
    jitterMs: o.jitterMs ?? 0,
    latencyPerInFlightMs: o.latencyPerInFlightMs ?? 0,
    rateLimit: o.rateLimit,
    maxConcurrent: o.maxConcurrent,
    pageCap: o.pageCap ?? DEFAULTS.pageCap,
    faults: o.faults ?? {},
    faultSeed: o.faultSeed ?? o.seed ?? DEFAULTS.seed,
    retryAfterSeconds: o.retryAfterSeconds,
    privateKeyPem: o.privateKeyPem,
  };
  check(Number.isSafeInteger(r.seed), `seed must be an integer, got ${r.seed}`);
  check(Number.isSafeInteger(r.faultSeed), `faultSeed must be an integer, got ${r.faultSeed}`);
  for (const k of ['compartments', 'deletedCompartments', 'namespaces', 'tagDefinitions', 'forbidden'] as const) {
    check(isCount(r[k]), `${k} must be a non-negative integer, got ${r[k]}`);
  }
  check(r.tagDefinitions === 0 || r.namespaces > 0, 'tagDefinitions need at least one namespace');
  check(r.forbidden <= r.compartments, `forbidden (${r.forbidden}) cannot exceed compartments (${r.compartments})`);
  check(r.tagDefaultFraction >= 0 && r.tagDefaultFraction <= 1, `tagDefaultFraction must be between 0 and 1, got ${r.tagDefaultFraction}`);
  check(Number.isSafeInteger(r.port) && r.port >= 0 && r.port <= 65535, `port must be 0–65535, got ${r.port}`);
  for (const k of ['latencyMs', 'jitterMs', 'latencyPerInFlightMs'] as const) check(isNonNegative(r[k]), `${k} must be ≥ 0, got ${r[k]}`);
  if (r.rateLimit) {
    check(Number.isFinite(r.rateLimit.rps) && r.rateLimit.rps > 0, `rateLimit.rps must be > 0, got ${r.rateLimit.rps}`);
    const burst = r.rateLimit.burst;
    check(burst === undefined || (Number.isFinite(burst) && burst >= 1), `rateLimit.burst must be ≥ 1, got ${burst}`);
  }
  check(r.maxConcurrent === undefined || (Number.isSafeInteger(r.maxConcurrent) && r.maxConcurrent >= 1), `maxConcurrent must be an integer ≥ 1, got ${r.maxConcurrent}`);
  check(Number.isSafeInteger(r.pageCap) && r.pageCap >= 1 && r.pageCap <= MAX_LIMIT, `pageCap must be an integer 1–${MAX_LIMIT}, got ${r.pageCap}`);
  check(r.retryAfterSeconds === undefined || isNonNegative(r.retryAfterSeconds), `retryAfterSeconds must be ≥ 0, got ${r.retryAfterSeconds}`);
  validateFaults(r.faults);
  return r;
}
