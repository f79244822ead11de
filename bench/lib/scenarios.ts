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
  /** Injected faults (src/sim/faults.ts), e.g. { throttle: 0.05 }: random 429s that are no rate limit. */
  faults?: Partial<Record<'throttle' | 'error500' | 'error503' | 'reset' | 'hang' | 'malformed', number>>;
  faultSeed?: number;
}

export type Mode = 'quick' | 'full';

/**
 * What a scenario measures beyond time, so the report can add its focused table and the Goals section
 * its line: `rate` (share of the server's rate achieved, 429s, loss), `load` (latency that grows with
 * load: in flight and latency the server gave), `overhead` (requests/s and CPU per request at zero latency).
 */
export type ScenarioKind = 'rate' | 'load' | 'overhead' | 'real-latency' | 'random-429';

export interface Scenario {
  id: string;
  title: string;
  /** What the scenario is meant to show: printed above its table. */
  why: string;
  sim: SimSpec;
  /** Contender ids, in run order. */
  contenders: string[];
  /** In quick mode: overrides of `sim`, a (smaller) contender list and fewer samples; absent = not run in quick mode. */
  quick?: { sim?: Partial<SimSpec>; contenders?: string[]; samples?: Scenario['samples']; note?: string };
  /** Not run in full mode (e.g. a quick-only variant). */
  quickOnly?: boolean;
  /** Scenarios of one series differ only in size: the report adds a table of time and memory by size. */
  series?: string;
  kind?: ScenarioKind;
  /**
   * No sequential contender is run (at 390 ms it would take 13 minutes): the speedup is over N × L,
   * N the answered requests and L the latency, and the table says so.
   */
  sequentialComputed?: boolean;
  /** random-429: the scenario this one is the same run as, without the faults (for the throughput ratio). */
  cleanTwin?: string;
  /**
   * Contenders run this many times here, the median kept (at least, whatever --repeat says). For short
   * runs judged as a ratio of two (random-429 against its clean twin): one round trip more or less at
   * the end of a 3 s run moves such a ratio by several points.
   */
  samples?: { contenders: string[]; times: number };
}

/**
 * The reference tool's measured per-call latency: 13m18s sequential for 2001 compartments ≈ 2,044
 * calls (3 compartment pages, 1 namespace page, 9 tag listings, 2,001 tag-default listings, plus the
 * `oci` CLI's process start per call) → ≈ 390 ms a call. Scenarios scale it down to stay short.
 */
export const REFERENCE_LATENCY_MS = 390;

/** The reference note's tenancy: 2,000 compartments + root, 9 namespaces, 33 tag definitions. */
const SEED_TENANCY: SimSpec = { seed: 1, compartments: 2000, namespaces: 9, tagDefinitions: 33, forbidden: 3, jitterMs: 0 };

/**
 * The random-429 goal's two runs, each the median of this many: its own, each followed by one on its
 * clean twin's server (bench.ts), and the twin scenario's own (its table).
 */
const RANDOM_429_SAMPLES = { contenders: ['engine-default'], times: 5 };

const ENGINE_SWEEP = ['engine-1x20', 'engine-2x10', 'engine-2x32', 'engine-2x64'];

/**
 * The load-latency goal is a ratio of two ~5 s runs (the defaults over the best fixed setting, over the
 * SDK pool) whose start-up varies from run to run on a shared machine: every cell is a median.
 */
const LOAD_CONTENDERS = ['engine-default', 'engine-2x32-fixed', 'engine-2x64-fixed', 'engine-2x128-fixed', 'sdk-pool-20'];

/** Rate limits: no number given, two fixed settings that miss the rate either way, and the stock SDK. */
const RATE_CONTENDERS = ['engine-default', 'engine-2x32-fixed', 'engine-1x2-fixed', 'sdk-pool-20'];

export const SCENARIOS: Scenario[] = [
  {
    id: 'seed',
    title: 'Seed tenancy, 20 ms per call',
    why: 'The reference note\'s tenancy with its ~390 ms per call scaled down 19.5× to 20 ms. The bound is latency: L·(P + (N−P)/C).',
    sim: { ...SEED_TENANCY, latencyMs: 20 },
    contenders: ['sdk-sequential', 'sdk-pool-20', ...ENGINE_SWEEP, 'engine-2x32-fixed', 'engine-default'],
    quick: {
      contenders: ['sdk-pool-20', 'engine-2x32', 'engine-2x32-fixed', 'engine-default'],
      note: 'quick mode: the sequential baseline (~46 s) and engine 1×20 are not run, so there is no speedup column',
    },
  },
  {
    id: 'seed-100ms',
    title: 'Seed tenancy, 100 ms per call',
    why: 'Closer to the real latency (scaled 3.9×): at 20 ms the client\'s CPU per call, not the latency, can be what limits a wide pool; at 100 ms the latency weighs more.',
    sim: { ...SEED_TENANCY, latencyMs: 100 },
    contenders: ['sdk-sequential', 'sdk-pool-20', 'engine-1x20', 'engine-2x32', 'engine-2x64', 'engine-default'],
    samples: RANDOM_429_SAMPLES,
    quick: { contenders: ['engine-default'], note: 'quick mode: only the engine with no number given (the ramp and random-429 goals need it)' },
  },
  {
    id: 'real-latency',
    title: `Seed tenancy at the reference's real latency, ${REFERENCE_LATENCY_MS} ms per call`,
    why:
      `Unscaled: ${REFERENCE_LATENCY_MS} ms per call, no limit. Here the client's CPU is no factor and every round trip of ramp-up is expensive: the engine with no number given has to find a ceiling that no fixed default knows, against fixed settings up to 2×128. ` +
      `The sequential baseline is not run (about 13 minutes): *speedup* is over N × ${REFERENCE_LATENCY_MS} ms computed, N the answered requests. The reference tool took 2m6s with 20 threads.`,
    sim: { ...SEED_TENANCY, latencyMs: REFERENCE_LATENCY_MS },
    kind: 'real-latency',
    sequentialComputed: true,
    contenders: ['engine-default', 'engine-2x32-fixed', 'engine-2x64-fixed', 'engine-2x128-fixed', 'sdk-pool-20'],
    quick: { contenders: ['engine-default', 'engine-2x128-fixed'], note: 'quick mode: the defaults and the widest fixed setting only' },
  },
  {
    id: 'random-429',
    title: 'Random 429s: 5 % of requests throttled at random, no rate limit, 100 ms per call',
    why:
      'The seed-100ms tenancy and server, but 5 % of requests answered 429 at random whatever the rate (a shared tenancy\'s neighbours, a flaky gateway): no rate limit to find, and slowing down does not help. ' +
      'The engine should see through them: its throughput here against its own in seed-100ms.',
    sim: { ...SEED_TENANCY, latencyMs: 100, faults: { throttle: 0.05 }, faultSeed: 5 },
    kind: 'random-429',
    cleanTwin: 'seed-100ms',
    contenders: ['engine-default'],
    samples: RANDOM_429_SAMPLES,
    quick: {},
  },
  // A rate-limited server at several R. Sizes give each run ~10 s at R (the rate bound
  // (N − burst)/R); a fixed setting either sends far more than R allows (2×32: 64 in flight, at 20 ms
  // up to 3,200 req/s) or, at high R, too little (1×2: at most 2 / 20 ms = 100 req/s).
  ...(
    [
      [20, 200, 80],
      [50, 600, 200],
      [200, 2000, 800],
    ] as const
  ).map(
    ([rps, n, quickN]): Scenario => ({
      id: `rate-${rps}`,
      title: `Rate-limited: 429 beyond ${rps} req/s`,
      why:
        `The server answers 429 beyond ${rps} req/s (token bucket, burst ${Math.max(5, rps / 10)}), 20 ms per call. No setting is right for every R: ` +
        'the engine with no number given has to find the rate itself; `fixed` runs (--no-adaptive) hold their concurrency (2×32 over-drives, 1×2 under-drives at high R). ' +
        'The SDK pool retries 429s with exponential backoff and jitter (100 ms doubling to 5 s, 10 attempts).',
      sim: { ...SEED_TENANCY, compartments: n, latencyMs: 20, rateLimit: { rps, burst: Math.max(5, rps / 10) } },
      kind: 'rate',
      contenders: RATE_CONTENDERS,
      quick: {
        sim: { compartments: quickN },
        // Quick mode keeps each fixed setting where it makes its point: 2×32 over-driving at low R,
        // 1×2 under-driving at high R.
        contenders: RATE_CONTENDERS.filter((id) => (id === 'engine-2x32-fixed' ? rps <= 50 : id === 'engine-1x2-fixed' ? rps >= 50 : true)),
        note:
          `quick mode: ${quickN.toLocaleString('en-US')} compartments instead of ${n.toLocaleString('en-US')} (about 4 s at R instead of 10), a run stopped at 2× the rate bound + 10 s (full: 3× + 15 s)` +
          (rps > 50 ? ', engine 2×32 fixed not run' : rps < 50 ? ', engine 1×2 fixed not run' : ''),
      },
    }),
  ),
  {
    id: 'load-latency',
    title: 'Latency that grows with load: 10 ms + 2 ms per request in flight',
    why:
      'The server takes 10 ms plus 2 ms for every other request in flight: more in flight buys less and less (at most 500 req/s, whatever the concurrency) and every call waits longer. ' +
      '*server latency* is the average time the simulator took to answer (measured there: ∫ in flight dt / requests).',
    sim: { ...SEED_TENANCY, latencyMs: 10, latencyPerInFlightMs: 2 },
    kind: 'load',
    contenders: LOAD_CONTENDERS,
    samples: { contenders: LOAD_CONTENDERS, times: 5 },
    quick: { sim: { compartments: 1000 }, samples: { contenders: LOAD_CONTENDERS, times: 3 }, note: 'quick mode: 1,000 compartments instead of 2,000, each cell the median of 3 runs instead of 5' },
  },
  {
    id: 'overhead',
    title: 'Engine overhead: large tenancy, zero latency, no limit',
    why:
      'No latency and no rate limit: what is left is the cost of making a request. The tenancy is large so the engine\'s fixed start-up (worker threads loading TypeScript through tsx) does not dominate. ' +
      'Requests/s over the collect time and marginal CPU ms per request of the collecting process (the simulator runs in its own process on the same 2 cores). ' +
      '`stock-signer` is the engine with the SDK\'s own request signer (--signer stock) instead of its default one.',
    sim: { ...SEED_TENANCY, compartments: 20_000, latencyMs: 0 },
    kind: 'overhead',
    contenders: ['sdk-pool-20', 'engine-1x20', 'engine-default', 'engine-default-stock-signer'],
    // The goal is the ratio of these two, and one run of each moves it by more than its margin.
    samples: { contenders: ['sdk-pool-20', 'engine-default'], times: 3 },
    quick: {
      sim: { compartments: 10_000 },
      contenders: ['sdk-pool-20', 'engine-default', 'engine-default-stock-signer'],
      note: 'quick mode: 10,000 compartments instead of 20,000; engine 1×20 not run',
    },
  },
  ...[1000, 5000, 50000].map(
    (n): Scenario => ({
      id: `scale-${n / 1000}k`,
      title: `Scale: ${n.toLocaleString('en-US')} compartments, 2 ms per call`,
      why: 'Time should grow linearly with the tenancy, the collecting process\'s memory should not (see the scaling table).',
      sim: { ...SEED_TENANCY, compartments: n, latencyMs: 2 },
      series: 'scale',
      contenders: n <= 5000 ? ['sdk-sequential', 'sdk-pool-20', 'engine-2x32'] : ['sdk-pool-20', 'engine-2x32'],
      // Not in quick mode (it has to stay under ~3 minutes with the rate-limit scenarios); 50,000
      // compartments' peak RSS is the point of the series, and that takes minutes.
    }),
  ),
];

/** The scenario as run in this mode, or undefined when the mode skips it. */
export function resolveScenario(s: Scenario, mode: Mode): { sim: SimSpec; contenders: string[]; samples?: Scenario['samples']; note?: string } | undefined {
  if (mode === 'full') return s.quickOnly ? undefined : { sim: s.sim, contenders: s.contenders, samples: s.samples };
  if (!s.quick) return undefined;
  return { sim: { ...s.sim, ...s.quick.sim }, contenders: s.quick.contenders ?? s.contenders, samples: s.quick.samples ?? s.samples, note: s.quick.note };
}
