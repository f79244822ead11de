// The bench's scenarios, as data. A scenario is a simulated tenancy + server behaviour and the list of
// contenders to run on it (same tenancy for all). Adding one (e.g. another rate limit, a server whose
// latency grows with load) is one entry here.

/** The simulator options a scenario may set (JSON-safe subset of src/sim's SimOptions). */
export interface SimSpec {
  seed?: number;
  /** Compartments besides the root. */
  compartments?: number;
  namespaces?: number;
  tagDefinitions?: number;
  tagDefaultFraction?: number;
  forbidden?: number;
  latencyMs?: number;
  jitterMs?: number;
  /** Extra latency per request already in flight: a server that slows down under load. */
  latencyPerInFlightMs?: number;
  rateLimit?: { rps: number; burst: number };
  maxConcurrent?: number;
  pageCap?: number;
}

export type Mode = 'quick' | 'full';

export interface Scenario {
  id: string;
  title: string;
  /** What the scenario is meant to show: printed above its table. */
  why: string;
  sim: SimSpec;
  /** Contender ids, in run order. */
  contenders: string[];
  /** In quick mode: overrides of `sim` and a (smaller) contender list; absent = not run in quick mode. */
  quick?: { sim?: Partial<SimSpec>; contenders?: string[]; note?: string };
  /** Not run in full mode (e.g. a quick-only variant). */
  quickOnly?: boolean;
  /** Scenarios of one series differ only in size: the report adds a table of time and memory by size. */
  series?: string;
}

/**
 * The reference tool's measured per-call latency: 13m18s sequential for 2001 compartments ≈ 2,044
 * calls (3 compartment pages, 1 namespace page, 9 tag listings, 2,001 tag-default listings, plus the
 * `oci` CLI's process start per call) → ≈ 390 ms a call. Scenarios scale it down to stay short.
 */
export const REFERENCE_LATENCY_MS = 390;

/** The reference note's tenancy: 2,000 compartments + root, 9 namespaces, 33 tag definitions. */
const SEED_TENANCY: SimSpec = { seed: 1, compartments: 2000, namespaces: 9, tagDefinitions: 33, forbidden: 3, jitterMs: 0 };

const ENGINE_SWEEP = ['engine-1x20', 'engine-2x10', 'engine-2x32', 'engine-2x64'];

export const SCENARIOS: Scenario[] = [
  {
    id: 'seed',
    title: 'Seed tenancy, 20 ms per call',
    why: 'The reference note\'s tenancy with its ~390 ms per call scaled down 19.5× to 20 ms. The bound is latency: L·(P + (N−P)/C).',
    sim: { ...SEED_TENANCY, latencyMs: 20 },
    contenders: ['sdk-sequential', 'sdk-pool-20', ...ENGINE_SWEEP, 'engine-2x32-fixed'],
    quick: { contenders: ['sdk-sequential', 'sdk-pool-20', 'engine-1x20', 'engine-2x32', 'engine-2x32-fixed'] },
  },
  {
    id: 'seed-100ms',
    title: 'Seed tenancy, 100 ms per call',
    why: 'Closer to the real latency (scaled 3.9×): at 20 ms the client\'s CPU per call, not the latency, can be what limits a wide pool; at 100 ms the latency weighs more.',
    sim: { ...SEED_TENANCY, latencyMs: 100 },
    contenders: ['sdk-sequential', 'sdk-pool-20', 'engine-1x20', 'engine-2x32', 'engine-2x64'],
  },
  {
    id: 'rate-100',
    title: 'Rate-limited: 429 beyond 100 req/s',
    why: 'The server answers 429 beyond 100 req/s (token bucket, burst 20). The bound is the rate: (N − burst)/R. The SDK contenders retry 429s with exponential backoff and jitter (100 ms doubling to 5 s, 10 attempts); the engine uses its own retry policy, with adaptive concurrency (its default) and without (`fixed`, --no-adaptive).',
    sim: { ...SEED_TENANCY, latencyMs: 20, rateLimit: { rps: 100, burst: 20 } },
    contenders: ['sdk-sequential', 'sdk-pool-20', 'engine-1x20', 'engine-2x32', 'engine-2x32-fixed'],
    quick: {
      sim: { compartments: 500 },
      contenders: ['sdk-pool-20', 'engine-2x32'],
      note: 'quick mode: 500 compartments instead of 2,000; the sequential baseline is not run (at 20 ms it stays under 100 req/s anyway)',
    },
  },
  {
    id: 'overhead',
    title: 'Engine overhead: zero latency, no limit',
    why: 'No latency and no rate limit: what is left is the cost of making a request. Requests/s and CPU ms per request of the collecting process (the simulator runs in its own process on the same 2 cores). `stock-signer` is the engine with the SDK\'s own request signer (--signer stock) instead of its default one.',
    sim: { ...SEED_TENANCY, latencyMs: 0 },
    contenders: ['sdk-sequential', 'sdk-pool-20', ...ENGINE_SWEEP, 'engine-2x32-stock-signer'],
    quick: { contenders: ['sdk-pool-20', 'engine-1x20', 'engine-2x32', 'engine-2x32-stock-signer'], note: 'quick mode: the sequential baseline is not run here (at zero latency both SDK contenders are bound by one thread\'s CPU; see the full run)' },
  },
  ...[1000, 5000, 50000].map(
    (n): Scenario => ({
      id: `scale-${n / 1000}k`,
      title: `Scale: ${n.toLocaleString('en-US')} compartments, 2 ms per call`,
      why: 'Time should grow linearly with the tenancy, the collecting process\'s memory should not (see the scaling table).',
      sim: { ...SEED_TENANCY, compartments: n, latencyMs: 2 },
      series: 'scale',
      contenders: n <= 5000 ? ['sdk-sequential', 'sdk-pool-20', 'engine-2x32'] : ['sdk-pool-20', 'engine-2x32'],
      // 50,000 compartments only in full mode: its peak RSS is the point, and it takes minutes.
      quick: n <= 5000 ? { contenders: ['sdk-pool-20', 'engine-2x32'] } : undefined,
    }),
  ),
];

/** The scenario as run in this mode, or undefined when the mode skips it. */
export function resolveScenario(s: Scenario, mode: Mode): { sim: SimSpec; contenders: string[]; note?: string } | undefined {
  if (mode === 'full') return s.quickOnly ? undefined : { sim: s.sim, contenders: s.contenders };
  if (!s.quick) return undefined;
  return { sim: { ...s.sim, ...s.quick.sim }, contenders: s.quick.contenders ?? s.contenders, note: s.quick.note };
}
