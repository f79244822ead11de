import { validateFaults, type FaultProbabilities } from './faults.js';
import { MAX_LIMIT } from './paging.js';
import { MAX_REGIONS, subscribedRegions } from './regions.js';
import { TAG_DEFAULTS_BY_DEFINITION, type TagDefaultsByDefinition } from './routes.js';
import type { SearchRefusal } from './search.js';

// Defaults and validation in one place: a bad option fails at start with one clear message,
// never as a strange tenancy or a server that silently ignores it.

/** Admission, latency and faults of one service; every field defaults to the top-level (Identity) one. */
export interface ServiceLimits {
  latencyMs?: number;
  jitterMs?: number;
  latencyPerInFlightMs?: number;
  rateLimit?: { rps: number; burst?: number };
  maxConcurrent?: number;
  faults?: FaultProbabilities;
  retryAfterSeconds?: number;
}

export type ResolvedLimits = Required<Pick<ServiceLimits, 'latencyMs' | 'jitterMs' | 'latencyPerInFlightMs' | 'faults'>> &
  Pick<ServiceLimits, 'rateLimit' | 'maxConcurrent' | 'retryAfterSeconds'>;

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
  /** Changes of every kind `diff` reports applied to the generated tenancy (see evolve.ts): a later run. */
  evolve?: number;
  /** Compartments whose ListTagDefaults answers every page with the same opc-next-page, forever. */
  loopingPages?: number;
  /** GetTenancy answers 404, as for a caller allowed to list compartments but not to read the tenancy. */
  refuseGetTenancy?: boolean;
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
  /** Subscribed regions, the home region (`region`) first. */
  regions?: number;
  /** Mean resources per (region, ACTIVE compartment or root); each scope gets 0 to twice this. */
  resourcesPerCompartment?: number;
  /** One region whose Search answers every call with this status (401 NotAuthenticated or 404). */
  searchRefusal?: SearchRefusal;
  /** What ListTagDefaults(tagDefinitionId) without compartmentId does (undocumented in OCI). */
  tagDefaultsByDefinition?: TagDefaultsByDefinition;
  /** Resource Search's limits, per region (each region its own bucket); default: the Identity ones. */
  search?: ServiceLimits;
  /** Usage API's limits; default: the Identity ones. */
  usage?: ServiceLimits;
}

type Special = 'rateLimit' | 'maxConcurrent' | 'retryAfterSeconds' | 'privateKeyPem' | 'searchRefusal' | 'search' | 'usage';
export type ResolvedOptions = Required<Omit<SimOptions, Special>> &
  Pick<SimOptions, 'rateLimit' | 'maxConcurrent' | 'retryAfterSeconds' | 'privateKeyPem' | 'searchRefusal'> & { search: ResolvedLimits; usage: ResolvedLimits };

export const DEFAULTS = {
  seed: 1,
  compartments: 2000,
  namespaces: 9,
  tagDefinitions: 33,
  tagDefaultFraction: 0.3,
  forbidden: 0,
  rootCreatedBy: false,
  loopingPages: 0,
  refuseGetTenancy: false,
  host: '127.0.0.1',
  port: 0,
  region: 'us-ashburn-1',
  pageCap: MAX_LIMIT,
  regions: 3,
  resourcesPerCompartment: 3,
  tagDefaultsByDefinition: 'tenancy-wide',
} as const;

export const defaultDeleted = (compartments: number) => Math.max(3, Math.round(compartments * 0.01));

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isNonNegative = (n: number) => Number.isFinite(n) && n >= 0;

export function resolveOptions(o: SimOptions = {}): ResolvedOptions {
  const compartments = o.compartments ?? DEFAULTS.compartments;
  const identity = inherit(NO_LIMITS, o);
  const r: ResolvedOptions = {
    seed: o.seed ?? DEFAULTS.seed,
    compartments,
    deletedCompartments: o.deletedCompartments ?? defaultDeleted(compartments),
    namespaces: o.namespaces ?? DEFAULTS.namespaces,
    tagDefinitions: o.tagDefinitions ?? DEFAULTS.tagDefinitions,
    tagDefaultFraction: o.tagDefaultFraction ?? DEFAULTS.tagDefaultFraction,
    forbidden: o.forbidden ?? DEFAULTS.forbidden,
    rootCreatedBy: o.rootCreatedBy ?? DEFAULTS.rootCreatedBy,
    evolve: o.evolve ?? 0,
    loopingPages: o.loopingPages ?? DEFAULTS.loopingPages,
    refuseGetTenancy: o.refuseGetTenancy ?? DEFAULTS.refuseGetTenancy,
    host: o.host ?? DEFAULTS.host,
    port: o.port ?? DEFAULTS.port,
    region: o.region ?? DEFAULTS.region,
    ...identity,
    pageCap: o.pageCap ?? DEFAULTS.pageCap,
    faultSeed: o.faultSeed ?? o.seed ?? DEFAULTS.seed,
    privateKeyPem: o.privateKeyPem,
    regions: o.regions ?? DEFAULTS.regions,
    resourcesPerCompartment: o.resourcesPerCompartment ?? DEFAULTS.resourcesPerCompartment,
    searchRefusal: o.searchRefusal,
    tagDefaultsByDefinition: o.tagDefaultsByDefinition ?? DEFAULTS.tagDefaultsByDefinition,
    search: inherit(identity, o.search),
    usage: inherit(identity, o.usage),
  };
  check(Number.isSafeInteger(r.seed), `seed must be an integer, got ${r.seed}`);
  check(Number.isSafeInteger(r.faultSeed), `faultSeed must be an integer, got ${r.faultSeed}`);
  for (const k of ['compartments', 'deletedCompartments', 'namespaces', 'tagDefinitions', 'forbidden', 'evolve', 'loopingPages'] as const) {
    check(isCount(r[k]), `${k} must be a non-negative integer, got ${r[k]}`);
  }
  check(r.tagDefinitions === 0 || r.namespaces > 0, 'tagDefinitions need at least one namespace');
  check(r.forbidden <= r.compartments, `forbidden (${r.forbidden}) cannot exceed compartments (${r.compartments})`);
  check(r.forbidden + r.loopingPages <= r.compartments, `forbidden + loopingPages (${r.forbidden + r.loopingPages}) cannot exceed compartments (${r.compartments})`);
  check(r.tagDefaultFraction >= 0 && r.tagDefaultFraction <= 1, `tagDefaultFraction must be between 0 and 1, got ${r.tagDefaultFraction}`);
  check(Number.isSafeInteger(r.port) && r.port >= 0 && r.port <= 65535, `port must be 0–65535, got ${r.port}`);
  for (const [prefix, limits] of [['', r], ['search.', r.search], ['usage.', r.usage]] as const) checkLimits(prefix, limits);
  check(Number.isSafeInteger(r.pageCap) && r.pageCap >= 1 && r.pageCap <= MAX_LIMIT, `pageCap must be an integer 1–${MAX_LIMIT}, got ${r.pageCap}`);
  check(Number.isSafeInteger(r.regions) && r.regions >= 1 && r.regions <= MAX_REGIONS, `regions must be an integer 1–${MAX_REGIONS}, got ${r.regions}`);
  check(isCount(r.resourcesPerCompartment), `resourcesPerCompartment must be a non-negative integer, got ${r.resourcesPerCompartment}`);
  check(r.resourcesPerCompartment <= 500, `resourcesPerCompartment must be at most 500, got ${r.resourcesPerCompartment}`);
  check((TAG_DEFAULTS_BY_DEFINITION as readonly string[]).includes(r.tagDefaultsByDefinition), `tagDefaultsByDefinition must be one of ${TAG_DEFAULTS_BY_DEFINITION.join(', ')}, got ${r.tagDefaultsByDefinition}`);
  if (r.searchRefusal) {
    const names = subscribedRegions(r.region, r.regions).map((x) => x.regionName);
    check(names.includes(r.searchRefusal.region), `searchRefusal.region must be a subscribed region (${names.join(', ')}), got ${r.searchRefusal.region}`);
    check(r.searchRefusal.status === 401 || r.searchRefusal.status === 404, `searchRefusal.status must be 401 or 404, got ${r.searchRefusal.status}`);
  }
  return r;
}

const NO_LIMITS: ResolvedLimits = { latencyMs: 0, jitterMs: 0, latencyPerInFlightMs: 0, faults: {} };

function inherit(base: ResolvedLimits, own: ServiceLimits = {}): ResolvedLimits {
  return {
    latencyMs: own.latencyMs ?? base.latencyMs,
    jitterMs: own.jitterMs ?? base.jitterMs,
    latencyPerInFlightMs: own.latencyPerInFlightMs ?? base.latencyPerInFlightMs,
    rateLimit: own.rateLimit ?? base.rateLimit,
    maxConcurrent: own.maxConcurrent ?? base.maxConcurrent,
    faults: own.faults ?? base.faults,
    retryAfterSeconds: own.retryAfterSeconds ?? base.retryAfterSeconds,
  };
}

function checkLimits(prefix: string, r: ResolvedLimits): void {
  for (const k of ['latencyMs', 'jitterMs', 'latencyPerInFlightMs'] as const) check(isNonNegative(r[k]), `${prefix}${k} must be ≥ 0, got ${r[k]}`);
  if (r.rateLimit) {
    check(Number.isFinite(r.rateLimit.rps) && r.rateLimit.rps > 0, `${prefix}rateLimit.rps must be > 0, got ${r.rateLimit.rps}`);
    const burst = r.rateLimit.burst;
    check(burst === undefined || (Number.isFinite(burst) && burst >= 1), `${prefix}rateLimit.burst must be ≥ 1, got ${burst}`);
  }
  check(r.maxConcurrent === undefined || (Number.isSafeInteger(r.maxConcurrent) && r.maxConcurrent >= 1), `${prefix}maxConcurrent must be an integer ≥ 1, got ${r.maxConcurrent}`);
  check(r.retryAfterSeconds === undefined || isNonNegative(r.retryAfterSeconds), `${prefix}retryAfterSeconds must be ≥ 0, got ${r.retryAfterSeconds}`);
  validateFaults(r.faults);
}
