// The orchestrator: for each scenario, one simulator process; for each contender, a fresh child process
// on it; each result checked against the ground truth, then measured against the scenario's bounds.
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkCollected, type GroundTruth } from './check.js';
import { contenderById, CONTENDERS, type Contender, type RunContext } from './contenders.js';
import { derive, latencyAt, notesFor, type LimiterSummary, type RunRecord } from './metrics.js';
import { describeMachine, type Machine } from './machine.js';
import { REFERENCE_LATENCY_MS, resolveScenario, SCENARIOS, type Mode, type Scenario, type ScenarioKind, type SimSpec } from './scenarios.js';
import { SimProcess, type SimStats } from './sim.js';
import { buildEngine, ENGINE_BUILD_DIR } from './build.js';
import { lastJsonLine, REPO_ROOT, runMeasured } from './spawn.js';

export interface BenchPlan {
  mode: Mode;
  scenarios?: Scenario[];
  contenders?: Contender[];
  /** Only these scenario / contender ids (command-line filters). */
  onlyScenarios?: string[];
  onlyContenders?: string[];
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /**
   * Before the scenarios (default true): prime tsx's transpile cache once per script (the first start
   * of a script pays it, which must not land on whichever contender happens to go first), then run
   * every selected contender on a tiny tenancy to measure its fixed cost (start-up CPU, RSS), so the
   * report can give the marginal CPU per request next to the total.
   */
  warmup?: boolean;
  /** Runs per cell (default 1); the cell reports the median by collect time, and every sample. */
  repeat?: number;
  /** Keep each run's output directory (default: deleted after its check). */
  keepOutputs?: boolean;
  command?: string;
}

export interface ScenarioRecord {
  id: string;
  title: string;
  why: string;
  note?: string;
  series?: string;
  kind?: ScenarioKind;
  sequentialComputed?: boolean;
  cleanTwin?: string;
  samples?: Scenario['samples'];
  sim: SimSpec;
  /** 390 ms / the scenario's latency: how much faster than the reference tool's calls this server answers. */
  latencyScale?: number;
  truth?: { compartments: number; tagNamespaces: number; tagDefinitions: number; tagDefaults: number; forbidden: number };
  /** Set when the scenario could not run at all (e.g. the simulator did not start). */
  error?: string;
}

export interface Report {
  mode: Mode;
  command?: string;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  referenceLatencyMs: number;
  scenarios: ScenarioRecord[];
  runs: RunRecord[];
  /** Each contender on the tiny warm-up tenancy: its fixed cost. */
  baselines: RunRecord[];
}

/**
 * One simulator for the scenario; every contender on it in turn. Fills in `rec` (truth, or error).
 * With `twin` (the clean twin's server), each sample of a sampled contender is followed by one on the
 * twin, kept as the record's cleanPair.
 */
async function runScenario(rec: ScenarioRecord, selected: Contender[], dir: string, plan: BenchPlan, baselines: readonly RunRecord[], twin?: SimSpec): Promise<RunRecord[]> {
  const log = plan.log ?? (() => {});
  await mkdir(dir, { recursive: true });
  log(`[${rec.id}] starting the simulator (${rec.sim.compartments ?? 'default'} compartments, ${rec.sim.latencyMs ?? 0} ms)`);
  let sim: SimProcess;
  try {
    sim = await SimProcess.start(rec.sim, dir);
  } catch (e) {
    rec.error = (e as Error).message;
    log(`[${rec.id}] ${rec.error}`);
    return [];
  }
  try {
    const truth = await sim.groundTruth();
    rec.truth = {
      compartments: truth.compartments.length + 1,
      tagNamespaces: truth.tagNamespaces.length,
      tagDefinitions: truth.tagDefinitions.length,
      tagDefaults: truth.tagDefaults.length,
      forbidden: truth.forbiddenCompartmentIds.length,
    };
    const runs: RunRecord[] = [];
    let clean: { sim: SimProcess; truth: GroundTruth } | undefined;
    try {
      for (const c of selected) {
        log(`[${rec.id}] ${c.label} …`);
        const samples: RunRecord[] = [];
        const pairs: RunRecord[] = [];
        const sampled = rec.samples?.contenders.includes(c.id) ?? false;
        const times = Math.max(1, plan.repeat ?? 1, sampled ? rec.samples!.times : 1);
        if (twin && sampled && !clean) {
          log(`[${rec.id}] starting the clean twin's simulator (samples alternate between the two)`);
          const s = await SimProcess.start(twin, join(dir, 'clean-twin'));
          clean = { sim: s, truth: await s.groundTruth() };
        }
        for (let i = 0; i < times; i++) {
          samples.push(await runOne(rec.id, c, sim, truth, rec.sim, join(dir, `${c.id}-${i}`), plan.keepOutputs ?? false, plan.mode));
          if (clean && sampled) pairs.push(await runOne(rec.id, c, clean.sim, clean.truth, twin!, join(dir, `${c.id}-clean-${i}`), plan.keepOutputs ?? false, plan.mode));
        }
        const r = medianOf(samples);
        if (pairs.length) r.cleanPair = medianOf(pairs);
        log(`[${rec.id}] ${c.label}: ${r.status}${r.collectMs !== undefined ? ` in ${(r.collectMs / 1000).toFixed(2)} s` : ''}${r.cleanPair?.collectMs !== undefined ? ` (clean twin ${(r.cleanPair.collectMs / 1000).toFixed(2)} s)` : ''}${r.problems.length ? ` — ${r.problems.join('; ')}` : ''}`);
        runs.push(r);
      }
    } finally {
      await clean?.sim.stop();
    }
    finishScenario(runs, rec, plan.contenders ?? CONTENDERS, baselines);
    return runs;
  } finally {
    await sim.stop();
  }
}

/**
 * One record for a cell run several times: any failed sample fails the cell (a wrong result is never
 * averaged away); otherwise the median by collect time, with every sample's collect time alongside.
 */
export function medianOf(samples: RunRecord[]): RunRecord {
  if (samples.length === 1) return samples[0]!;
  const failed = samples.find((r) => r.status !== 'ok');
  const sorted = [...samples].sort((a, b) => (a.collectMs ?? Infinity) - (b.collectMs ?? Infinity));
  const pick = failed ?? sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...pick, samplesCollectMs: samples.map((r) => r.collectMs ?? NaN) };
}

/**
 * Generous but finite: 3× what a sequential client would need at this latency (or rate) plus 20 s, so a
 * hung contender cannot hang the bench and a slow one still finishes. On a rate-limited server (no
 * sequential contender there) at most 3× the rate bound plus 15 s (quick mode: 2× plus 10 s): a run
 * that slow has missed the rate by far, and a fixed setting stuck in backoff must not eat the bench's time.
 */
export const timeoutFor = (sim: SimSpec, compartments: number, mode: Mode = 'full') => {
  const calls = compartments * 1.05 + 50;
  const sequential = 20_000 + 3 * calls * Math.max(3, (sim.latencyMs ?? 0) + 3 + (sim.latencyPerInFlightMs ?? 0)) + (sim.rateLimit ? (3 * calls * 1000) / sim.rateLimit.rps : 0);
  if (!sim.rateLimit) return sequential;
  const rateBoundMs = (Math.max(0, compartments + 15 - sim.rateLimit.burst) / sim.rateLimit.rps) * 1000;
  return Math.min(sequential, mode === 'quick' ? 10_000 + 2 * rateBoundMs : 15_000 + 3 * rateBoundMs);
};

export async function runBench(plan: BenchPlan): Promise<Report> {
  const log = plan.log ?? (() => {});
  const contenders = plan.contenders ?? CONTENDERS;
  const scenarios = (plan.scenarios ?? SCENARIOS).filter((s) => !plan.onlyScenarios?.length || plan.onlyScenarios.includes(s.id));
  const startedAt = new Date().toISOString();
  const scratch = await mkdtemp(join(tmpdir(), 'oci-growth-bench-'));
  const records: ScenarioRecord[] = [];
  const runs: RunRecord[] = [];
  let baselines: RunRecord[] = [];
  try {
    if (contenders.some((c) => c.compiled && (!plan.onlyContenders?.length || plan.onlyContenders.includes(c.id)))) {
      log(`building the engine into ${ENGINE_BUILD_DIR} (tsc)`);
      buildEngine();
    }
    if (plan.warmup ?? true) baselines = await warmUp(scenarios, plan, contenders, join(scratch, 'warmup'), log);
    for (const s of scenarios) {
      const resolved = resolveScenario(s, plan.mode);
      if (!resolved) continue;
      const rec: ScenarioRecord = {
        id: s.id,
        title: s.title,
        why: s.why,
        note: resolved.note,
        series: s.series,
        kind: s.kind,
        sequentialComputed: s.sequentialComputed,
        cleanTwin: s.cleanTwin,
        samples: resolved.samples,
        sim: resolved.sim,
      };
      if (resolved.sim.latencyMs) rec.latencyScale = REFERENCE_LATENCY_MS / resolved.sim.latencyMs;
      records.push(rec);
      const ids = resolved.contenders.filter((id) => !plan.onlyContenders?.length || plan.onlyContenders.includes(id));
      const twin = s.cleanTwin ? (plan.scenarios ?? SCENARIOS).find((t) => t.id === s.cleanTwin) : undefined;
      const twinSim = twin && resolveScenario(twin, plan.mode)?.sim;
      if (ids.length) runs.push(...(await runScenario(rec, ids.map((id) => contenderById(id, contenders)), join(scratch, s.id), plan, baselines, twinSim)));
    }
  } finally {
    if (!plan.keepOutputs) await rm(scratch, { recursive: true, force: true });
    else log(`outputs kept in ${scratch}`);
  }
  return { mode: plan.mode, command: plan.command, startedAt, finishedAt: new Date().toISOString(), machine: describeMachine(REPO_ROOT), referenceLatencyMs: REFERENCE_LATENCY_MS, scenarios: records, runs, baselines };
}

export const WARMUP_TENANCY: SimSpec = { seed: 7, compartments: 20, forbidden: 1, latencyMs: 0 };

async function warmUp(scenarios: readonly Scenario[], plan: BenchPlan, contenders: readonly Contender[], dir: string, log: (l: string) => void): Promise<RunRecord[]> {
  const ids = new Set(scenarios.flatMap((s) => resolveScenario(s, plan.mode)?.contenders ?? []).filter((id) => !plan.onlyContenders?.length || plan.onlyContenders.includes(id)));
  if (!ids.size) return [];
  const selected = [...ids].map((id) => contenderById(id, contenders));
  await mkdir(dir, { recursive: true });
  log(`[warm-up] ${selected.length} contenders on a ${WARMUP_TENANCY.compartments}-compartment tenancy: fixed cost, not in the tables`);
  const sim = await SimProcess.start(WARMUP_TENANCY, dir);
  try {
    const truth = await sim.groundTruth();
    const ctx = { sim: sim.target, workDir: dir };
    const scriptOf = (c: Contender) => c.argv(ctx)[0];
    for (const c of selected.filter((c, i) => selected.findIndex((o) => scriptOf(o) === scriptOf(c)) === i)) {
      await runOne('warmup', c, sim, truth, WARMUP_TENANCY, join(dir, `prime-${c.id}`), false);
    }
    const out: RunRecord[] = [];
    for (const c of selected) {
      const r = await runOne('warmup', c, sim, truth, WARMUP_TENANCY, join(dir, c.id), false);
      if (r.status !== 'ok') log(`[warm-up] ${r.label} FAILED: ${r.problems.join('; ')}`);
      out.push(r);
    }
    return out;
  } finally {
    await sim.stop();
  }
}

/**
 * Speedups, bounds and notes need every run of the scenario. Where the sequential baseline is computed
 * rather than run, it is N × L for each run's own N (answered requests).
 */
function finishScenario(scenarioRuns: RunRecord[], rec: ScenarioRecord, contenders: readonly Contender[], fixedCosts: readonly RunRecord[]): void {
  const sim = rec.sim;
  const baseline = scenarioRuns.find((r) => r.status === 'ok' && contenders.find((c) => c.id === r.contender)?.baseline);
  const baselineMs = (r: RunRecord) => baseline?.collectMs ?? (rec.sequentialComputed ? (r.requests - r.throttled) * latencyAt(sim, 1) : undefined);
  for (const r of scenarioRuns) r.derived = derive(r, sim, baselineMs(r), fixedCosts.find((f) => f.contender === r.contender && f.status === 'ok'));
  for (const r of scenarioRuns) r.notes = notesFor(r, scenarioRuns, availableParallelism());
}

async function runOne(scenario: string, c: Contender, sim: SimProcess, truth: GroundTruth, spec: SimSpec, workDir: string, keep: boolean, mode: Mode = 'full'): Promise<RunRecord> {
  await mkdir(workDir, { recursive: true });
  // A fresh token bucket's worth of quiet, so every contender starts with the same burst allowance.
  if (spec.rateLimit) await sleep((spec.rateLimit.burst / spec.rateLimit.rps) * 1000 + 250);
  await sim.resetStats();
  const simCpu0 = await sim.cpuMs();
  const ctx: RunContext = { sim: sim.target, workDir };
  const run = await runMeasured(c.argv(ctx), { timeoutMs: timeoutFor(spec, spec.compartments ?? 2000, mode), probeFile: join(workDir, 'probe.json'), tsx: !c.compiled });
  const simCpu1 = await sim.cpuMs();
  const stats: SimStats = await sim.stats();
  const line = lastJsonLine(run.stdout);
  const timings = line?.['timings'] as Record<string, number> | undefined;
  const requests = line?.['requests'] as Record<string, number> | undefined;
  const counts = line?.['counts'] as Record<string, number> | undefined;
  const rec: RunRecord = {
    scenario,
    contender: c.id,
    label: c.label,
    kind: c.kind,
    status: 'ok',
    problems: [],
    inFlight: c.inFlight,
    threads: c.threads,
    wallMs: run.wallMs,
    collectMs: timings?.['total'],
    requests: stats.requests,
    throttled: stats.throttled,
    retried: requests?.['retried'],
    failures: counts?.['failures'],
    cpuMs: run.probe ? run.probe.cpuUserMs + run.probe.cpuSystemMs : undefined,
    maxRssKb: run.probe?.maxRssKb,
    maxInFlight: stats.maxInFlight,
    simCpuMs: simCpu0 !== undefined && simCpu1 !== undefined ? simCpu1 - simCpu0 : undefined,
    compartmentPages: compartmentPages(stats),
    load: stats.load,
    limiter: limiterOf(line?.['limiter']),
    derived: {},
    notes: [],
  };

  // Exit 3 (partial) is legitimate here: forbidden compartments are expected failures. The check decides.
  if (run.timedOut) rec.problems.push(`timed out after ${(run.wallMs / 1000).toFixed(0)} s`);
  else if (run.exitCode !== 0 && run.exitCode !== 3) rec.problems.push(`exit ${run.exitCode ?? run.signal}: ${lastLine(run.stderrTail)}`);
  else if (!line) rec.problems.push(`no JSON result on stdout: ${lastLine(run.stderrTail)}`);
  else {
    try {
      rec.problems.push(...checkCollected(truth, await c.collected(ctx)).problems);
    } catch (e) {
      rec.problems.push(`could not read its output: ${(e as Error).message}`);
    }
  }
  if (rec.problems.length) rec.status = 'failed';
  if (!keep) await rm(workDir, { recursive: true, force: true });
  return rec;
}

/** The limiter's numbers worth keeping (its event history is left out: long, and in the engine's summary). */
function limiterOf(v: unknown): LimiterSummary | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const { history: _history, ...rest } = v as Record<string, unknown>;
  return rest as LimiterSummary;
}

/** Answered ListCompartments calls: the serial part of the latency bound. */
function compartmentPages(stats: SimStats): number {
  const lc = stats.byRoute['ListCompartments'];
  return lc?.statuses['200'] ?? lc?.requests ?? 1;
}

/** The stderr line that best says why a child died: an error line if there is one, else the last line. */
function lastLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^Node\.js v\d/.test(l));
  const error = lines.find((l) => /^(\w*Error\b|oci-growth:)|error:/i.test(l));
  return (error ?? lines.at(-1) ?? '(no stderr)').slice(0, 300);
}
