// The numbers of one cell (contender × scenario), and the bounds they are judged against.
import type { SimSpec } from './scenarios.js';
import type { LoadCounters } from './sim.js';

/** The engine's `limiter` in its --json summary (src/limit's LimiterStats), the fields the bench keeps. */
export interface LimiterSummary {
  adaptive?: boolean;
  /** The concurrency limit it ended on (its integer part is what was enforced). */
  limit?: number;
  maxLimit?: number;
  /** The adaptive send rate it ended on, req/s; null when rate control never engaged. */
  rate?: number | null;
  maxRps?: number | null;
  sends?: number;
  retries?: number;
  throttles?: number;
  cuts?: number;
  retryWaits?: number;
  maxInFlight?: number;
  minRttMs?: number | null;
  smoothedRttMs?: number | null;
  /** ms from the first send to the knee (first cut, or the limit at its maximum); null: never reached. */
  rampMs?: number | null;
  /** The mean round trip of the answers before the knee: what one round of the ramp took. */
  rampRttMs?: number | null;
}

export interface RunRecord {
  scenario: string;
  contender: string;
  label: string;
  kind: 'sdk' | 'engine';
  status: 'ok' | 'failed';
  /** Why the cell failed: a crash, a timeout, or what the correctness check found. */
  problems: string[];
  /** Requests in flight at most (C). */
  inFlight: number;
  /** Threads making requests: the cores it could use. */
  threads: number;
  /** Spawn to exit, process start-up included. */
  wallMs: number;
  /** The contender's own clock from building its client to its last response (engine: timings.total). */
  collectMs?: number;
  /** With --repeat: every sample's collect time (the record itself is the median sample). */
  samplesCollectMs?: number[];
  /**
   * A scenario with a clean twin (random-429): the same contender on the twin's server, its samples run
   * alternately with these, so that the ratio of the two does not read the machine's drift between
   * scenarios minutes apart.
   */
  cleanPair?: RunRecord;
  /** Counted by the simulator, every attempt included. */
  requests: number;
  throttled: number;
  /** Calls the contender itself repeated, and scopes it recorded as failed. */
  retried?: number;
  failures?: number;
  /** Whole process (all threads, start-up included), from bench/lib/probe.ts. */
  cpuMs?: number;
  maxRssKb?: number;
  /** Most requests the simulator saw in flight at once during the run. */
  maxInFlight?: number;
  /** The simulator's CPU during the run: it shares the machine's cores. */
  simCpuMs?: number;
  /** Answered ListCompartments pages: inherently serial, so part of the latency bound. */
  compartmentPages: number;
  /** Timed in the simulator: requests in flight over time, first request and last answer. */
  load?: LoadCounters;
  /** The engine's adaptive limiter as it ended the run (engine contenders only). */
  limiter?: LimiterSummary;
  derived: Derived;
  notes: string[];
}

export interface Bound {
  kind: 'latency' | 'rate';
  ms: number;
  latencyMs: number;
  rateMs?: number;
}

export interface Derived {
  bound?: Bound;
  /** bound / collect time: 1 = as fast as the scenario allows at this concurrency. */
  efficiency?: number;
  /** Baseline's collect time / this one's. */
  speedup?: number;
  requestsPerSecond?: number;
  cpuMsPerRequest?: number;
  /** CPU per request beyond the contender's fixed cost (its run on the tiny warm-up tenancy). */
  marginalCpuMsPerRequest?: number;
  /**
   * Requests in flight on average over the collect time: measured in the simulator (∫ in flight dt /
   * collect time) when it could, else by Little's law (answered req/s × latency; undefined at zero latency).
   */
  avgInFlight?: number;
  /** The average time the simulator took to answer a request (∫ in flight dt / requests), ms. */
  serverLatencyMs?: number;
  /** Rate-limited scenarios only: see RateDerived. */
  rate?: RateDerived;
  /** Cores busy on average over the wall time: the collector's and the simulator's. */
  cores?: number;
  simCores?: number;
}

/**
 * How close a contender came to the server's rate R. A token bucket of `burst` tokens refilled at R/s
 * lets at most burst + R·T requests through in T seconds, so the sustained rate is counted without the
 * burst: (answered − burst) / T, which is at most R (100 %). T is the collect time less the serial
 * ListCompartments pages (P × latency: each needs the previous page's token, no client can overlap them).
 * `ofRServer` uses instead the window in which the simulator saw requests (first request to last answer,
 * less the same serial pages): it leaves out the contender's own start-up (the engine's worker threads)
 * that the collect time includes.
 */
export interface RateDerived {
  rps: number;
  burst: number;
  /** Requests answered with anything but 429 (OK, and the expected 404s of forbidden compartments). */
  answered: number;
  /** throttled / all requests, as the simulator counted them. */
  throttledFraction: number;
  /** (answered − burst) / (collect time − P × latency), req/s. */
  sustainedRps?: number;
  /** sustainedRps / R. */
  ofR?: number;
  /** The same over the simulator's window instead of the collect time. */
  ofRServer?: number;
}

/** Latency of one request when `inFlight` are in flight (the simulator's model; jitter at its mean). */
export const latencyAt = (sim: SimSpec, inFlight: number) => (sim.latencyMs ?? 0) + (sim.jitterMs ?? 0) / 2 + (sim.latencyPerInFlightMs ?? 0) * Math.max(0, inFlight - 1);

/**
 * The fastest any client could be on this server with `inFlight` requests in flight.
 * Latency: the P ListCompartments pages are inherently serial (each needs the previous page's token);
 * every other call could overlap, C at a time: L·(P + (N−P)/C). With C = 1 that is N·L.
 * Rate: a token bucket of `burst` refilled at R/s lets N requests through in no less than (N − burst)/R.
 * N counts only the requests that got an answer (throttled ones are waste, not work).
 */
export function boundFor(sim: SimSpec, inFlight: number, needed: number, compartmentPages: number): Bound {
  const p = Math.min(compartmentPages, needed);
  // Where latency grows with load, the best c ≤ C in flight (least latency per request, latency(c)/c)
  // bounds the parallel part; with a fixed latency that is c = C.
  const c = Math.max(1, inFlight);
  let perRequest = latencyAt(sim, c) / c;
  if (sim.latencyPerInFlightMs) for (let k = 1; k < c; k++) perRequest = Math.min(perRequest, latencyAt(sim, k) / k);
  const latencyMs = latencyAt(sim, 1) * p + (needed - p) * perRequest;
  const rate = sim.rateLimit;
  const rateMs = rate ? (Math.max(0, needed - rate.burst) / rate.rps) * 1000 : undefined;
  return rateMs !== undefined && rateMs > latencyMs ? { kind: 'rate', ms: rateMs, latencyMs, rateMs } : { kind: 'latency', ms: latencyMs, latencyMs, rateMs };
}

export function derive(r: RunRecord, sim: SimSpec, baselineCollectMs: number | undefined, fixedCost?: RunRecord): Derived {
  const d: Derived = {};
  const needed = r.requests - r.throttled;
  if (needed > 0) d.bound = boundFor(sim, r.inFlight, needed, r.compartmentPages);
  if (r.collectMs && r.collectMs > 0) {
    d.requestsPerSecond = r.requests / (r.collectMs / 1000);
    if (d.bound && d.bound.ms > 0) d.efficiency = d.bound.ms / r.collectMs;
    if (baselineCollectMs) d.speedup = baselineCollectMs / r.collectMs;
  }
  const latency = latencyAt(sim, 1);
  if (r.load && r.load.areaMs > 0 && r.collectMs) d.avgInFlight = r.load.areaMs / r.collectMs;
  else if (latency > 0 && r.collectMs) d.avgInFlight = (needed * latency) / r.collectMs;
  if (r.load && r.load.ended > 0) d.serverLatencyMs = r.load.areaMs / r.load.ended;
  if (sim.rateLimit) d.rate = rateOf(r, sim, latency);
  if (r.cpuMs !== undefined && r.requests > 0) d.cpuMsPerRequest = r.cpuMs / r.requests;
  if (r.cpuMs !== undefined && fixedCost?.cpuMs !== undefined && r.requests > 2 * fixedCost.requests) {
    d.marginalCpuMsPerRequest = (r.cpuMs - fixedCost.cpuMs) / (r.requests - fixedCost.requests);
  }
  if (r.cpuMs !== undefined && r.wallMs > 0) d.cores = r.cpuMs / r.wallMs;
  if (r.simCpuMs !== undefined && r.wallMs > 0) d.simCores = r.simCpuMs / r.wallMs;
  return d;
}

function rateOf(r: RunRecord, sim: SimSpec, latency: number): RateDerived {
  const { rps, burst } = sim.rateLimit!;
  const answered = r.requests - r.throttled;
  const d: RateDerived = { rps, burst, answered, throttledFraction: r.requests > 0 ? r.throttled / r.requests : 0 };
  const serialMs = r.compartmentPages * latency;
  const over = (ms: number) => (ms - serialMs > 0 ? (Math.max(0, answered - burst) / (ms - serialMs)) * 1000 : undefined);
  if (r.collectMs) {
    d.sustainedRps = over(r.collectMs);
    if (d.sustainedRps !== undefined) d.ofR = d.sustainedRps / rps;
  }
  const l = r.load;
  if (l && l.firstBeginMs !== null && l.lastEndMs !== null) {
    const s = over(l.lastEndMs - l.firstBeginMs);
    if (s !== undefined) d.ofRServer = s / rps;
  }
  return d;
}

/**
 * Plain-words notes for a cell, so the table itself says where the engine is not ahead or is far from
 * the bound, and what was probably limiting it.
 */
export function notesFor(r: RunRecord, sameScenario: readonly RunRecord[], machineCores: number): string[] {
  const notes: string[] = [];
  if (r.status !== 'ok') return notes;
  if (r.kind === 'engine' && r.collectMs !== undefined) {
    const faster = sameScenario.filter((o) => o.kind !== 'engine' && o.status === 'ok' && o.collectMs !== undefined && o.collectMs < r.collectMs!);
    for (const o of faster) notes.push(`NOT ahead of ${o.label} (${fmtS(o.collectMs!)} vs ${fmtS(r.collectMs)})`);
  }
  const e = r.derived.efficiency;
  const ours = r.derived.cores ?? 0;
  const busy = ours + (r.derived.simCores ?? 0);
  if (e !== undefined && e < 0.5) {
    // Either the collector's own threads are saturated, or it and the simulator together fill the
    // machine (0.75: cores are averaged over the whole wall time, start-up and exit included).
    const cpu =
      ours >= 0.75 * Math.min(r.threads, machineCores)
        ? `CPU-bound: its ${r.threads} thread${r.threads > 1 ? 's' : ''} kept ${ours.toFixed(1)} cores busy`
        : busy >= 0.75 * machineCores
          ? `CPU-bound: collector + simulator kept ${busy.toFixed(1)} of ${machineCores} cores busy`
          : undefined;
    const flight = r.derived.avgInFlight !== undefined && r.inFlight > 1 ? `it averaged ${r.derived.avgInFlight.toFixed(0)} requests in flight of the ${r.inFlight} allowed` : undefined;
    const why = [cpu, flight].filter(Boolean).join('; ');
    notes.push(`far from the ${r.derived.bound?.kind} bound (${pct(e)})${why ? `: ${why}` : ''}`);
  }
  if (r.collectMs !== undefined && r.wallMs - r.collectMs > r.collectMs) notes.push(`start-up/exit ${fmtS(r.wallMs - r.collectMs)} > collection ${fmtS(r.collectMs)}`);
  return notes;
}

export const fmtS = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const pct = (x: number) => `${Math.round(x * 100)}%`;
