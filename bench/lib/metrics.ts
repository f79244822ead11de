// The numbers of one cell (contender × scenario), and the bounds they are judged against.
import type { SimSpec } from './scenarios.js';

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
  /** Requests in flight on average (Little's law: answered req/s × latency); undefined at zero latency. */
  avgInFlight?: number;
  /** Cores busy on average over the wall time: the collector's and the simulator's. */
  cores?: number;
  simCores?: number;
}

/**
 * The fastest any client could be on this server with `inFlight` requests in flight.
 * Latency: the P ListCompartments pages are inherently serial (each needs the previous page's token);
 * every other call could overlap, C at a time: L·(P + (N−P)/C). With C = 1 that is N·L.
 * Rate: a token bucket of `burst` refilled at R/s lets N requests through in no less than (N − burst)/R.
 * N counts only the requests that got an answer (throttled ones are waste, not work).
 */
export function boundFor(sim: SimSpec, inFlight: number, needed: number, compartmentPages: number): Bound {
  const latency = (sim.latencyMs ?? 0) + (sim.jitterMs ?? 0) / 2;
  const p = Math.min(compartmentPages, needed);
  const latencyMs = latency * (p + (needed - p) / Math.max(1, inFlight));
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
  const latency = (sim.latencyMs ?? 0) + (sim.jitterMs ?? 0) / 2;
  if (latency > 0 && r.collectMs) d.avgInFlight = (needed * latency) / r.collectMs;
  if (r.cpuMs !== undefined && r.requests > 0) d.cpuMsPerRequest = r.cpuMs / r.requests;
  if (r.cpuMs !== undefined && fixedCost?.cpuMs !== undefined && r.requests > 2 * fixedCost.requests) {
    d.marginalCpuMsPerRequest = (r.cpuMs - fixedCost.cpuMs) / (r.requests - fixedCost.requests);
  }
  if (r.cpuMs !== undefined && r.wallMs > 0) d.cores = r.cpuMs / r.wallMs;
  if (r.simCpuMs !== undefined && r.wallMs > 0) d.simCores = r.simCpuMs / r.wallMs;
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
