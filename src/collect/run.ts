import { UsageError } from '../errors.js';
import { readLimit, type LimiterStats } from '../limit/index.js';
import { RunLock, RunOutput } from '../output/index.js';
import { failures as failuresKind, type Row } from '../resources/index.js';
import { VERSION } from '../version.js';
import type { Phase, ScopeMessage, WorkerConfig } from '../../workers/protocol.js';
import { chunks } from './chunk.js';
import { Dispatcher } from './dispatch.js';
import { Journal, type JournalEntry } from './journal.js';
import { Limiters } from './limiters.js';
import { OrderedRelease } from './ordered.js';
import { isLocal, PHASES, type Known, type PhaseDecl, type PhaseEnv, type Step } from './phases/index.js';
import { CollectorPool } from './pool.js';
import { preflight, type Target } from './preflight.js';
import { schedule } from './schedule.js';
import { Tap } from './tap.js';
import type { CollectOptions } from './options.js';

export interface RunReport {
  complete: boolean;
  interrupted: boolean;
  exitCode: 0 | 3;
  outputDir: string;
  files: string[];
  tenancyId: string;
  region?: string;
  counts: Record<string, number>;
  timings: Partial<Record<Phase, number>> & { total: number };
  requests: { total: number; throttled: number; retried: number; failedScopes: number; resumedScopes: number };
  /** Identity's limiter (the one every run has). */
  limiter: LimiterStats;
  /** Every limiter of the run by service (and region): `identity`, `search:<region>`, `usage`. */
  limiters: Record<string, LimiterStats>;
}

/**
 * Requests in flight at the start; adaptive concurrency grows from here. Low, because against a rate
 * limit whatever is in flight when the server's burst runs out comes back 429: 4 rather than 8 halves
 * that discovery cost, for one more round trip of slow start (or ~0.1 s of its time cap).
 */
const INITIAL_LIMIT = 4;

/** After an interrupt, calls in flight get this long to finish before they are aborted. */
const GRACE_MS = 3000;

/** Runs a whole collection; resolves with the report once the outputs are in place. */
export async function collect(options: CollectOptions): Promise<RunReport> {
  const where = await preflight(options);
  // Before anything in the directory is looked at or touched: another run may be writing it.
  const lock = RunLock.acquire(options.outputDir);
  try {
    return await collectLocked(options, where);
  } finally {
    lock.release();
  }
}

async function collectLocked(options: CollectOptions, { tenancyId, region, target }: Target): Promise<RunReport> {
  const dir = options.outputDir;
  if (!options.resume && !options.force && Journal.exists(dir))
    throw new UsageError(`${dir} holds an unfinished run: --resume to continue it, or --force to start over`);
  const output = await RunOutput.open(dir, { force: options.force || options.resume, csvEscapeFormulas: options.csvEscapeFormulas });
  let journal: Journal;
  let done: Map<string, JournalEntry>;
  try {
    ({ journal, done } = Journal.open(dir, { tenancyId, target }, Boolean(options.resume)));
  } catch (e) {
    await output.abort();
    throw e;
  }
  const started = new Date();
  const t0 = performance.now();
  const maxLimit = options.maxInFlight ?? options.threads * options.concurrency;
  const limiters = new Limiters({ adaptive: options.adaptive, maxLimit, initialLimit: Math.min(INITIAL_LIMIT, maxLimit), maxRps: options.maxRps });
  const control = new Int32Array(new SharedArrayBuffer(4));
  const stop = () => Atomics.store(control, 0, Math.max(1, Atomics.load(control, 0)));
  let grace: NodeJS.Timeout | undefined;
  const onAbort = () => {
    stop();
    grace = setTimeout(() => Atomics.store(control, 0, 2), GRACE_MS);
    grace.unref();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const reported: Record<string, unknown> = {};
  const phases = PHASES.filter((p) => p.enabled?.(options) ?? true);
  // Made before any phase runs: a followed phase may release results before its follower has started.
  const taps = new Map<Phase, Tap<ScopeMessage>>();
  for (const s of phases) if (isLocal(s) && s.follows && phases.some((p) => p.name === s.follows)) taps.set(s.follows, new Tap());
  const released = (phase: Phase) => {
    const tap = taps.get(phase);
    if (!tap) throw new Error(`${phase} is not a phase of this run that a step follows`);
    return tap;
  };
  const meanwhile: Promise<void>[] = [];
  const env: PhaseEnv = {
    tenancyId, region, target, options, output,
    report: (key, value) => void (reported[key] = value),
    fanOut: (p, k) => fanOut(p, k),
    released,
    meanwhile: (work) => {
      const w = work.catch((e) => {
        stop();
        throw e;
      });
      w.catch(() => {}); // observed here, rethrown where the run awaits it
      meanwhile.push(w);
    },
  };
  let pool: CollectorPool | undefined;
  let closing: Promise<void> | undefined;
  let dispatcher: Dispatcher | undefined;
  let failed = false;
  let fanOut: (phase: PhaseDecl<unknown>, known: Partial<Known>) => Promise<Known[keyof Known] | void> = () => Promise.reject(new Error('no pool yet'));
  try {
    const config: WorkerConfig = {
      client: { auth: options.auth, endpoint: options.endpoint, region, timeoutMs: options.timeoutMs },
      control: control.buffer as SharedArrayBuffer,
      retry: { ...options.retry, throttlePacedByLimiter: options.adaptive },
      concurrency: options.concurrency,
    };
    pool = new CollectorPool({ threads: options.threads, config, onScope: (m) => dispatcher?.deliver(m) });
    const d = (dispatcher = new Dispatcher(pool, journal, options.onProgress, t0, stop));
    let chunkId = 0;

    /** Fans one phase out over the pool; its results are written in scope order, journaled as they come. */
    fanOut = async (phase, known) => {
      const state = phase.init?.();
      const scopes = phase.scopes(known, env, state);
      const keep: ScopeMessage[] = [];
      const write = async (m: ScopeMessage) => {
        if (phase.keep) keep.push(m);
        if (phase.write) await phase.write(m, env, state);
        else if (phase.kind && m.rows.length) await output.write(phase.kind, m.rows);
        if (m.failures.length && !phase.probe) await output.write(failuresKind, m.failures as unknown as Row[]);
        taps.get(phase.name)?.push(m);
      };
      const ordered = new OrderedRelease<ScopeMessage>(scopes.length, write);
      const size = phase.chunkSize?.(options) ?? 1;
      // The limiters the phase's scopes so far go through: what may be in flight for it is their sum.
      const used = new Set<SharedArrayBuffer>();
      const work = chunks(phase.name, scopes, size, {
        limiter: (s) => {
          const ref = limiters.get(phase.service, s.region);
          used.add(ref.buffer);
          return ref;
        },
        resumed(scopeId, index) {
          const key = Journal.key(phase.name, scopeId);
          const e = done.get(key);
          // Taken once: a resumed run need not hold what it has already handed on.
          done.delete(key);
          return e && { type: 'scope', chunkId: -1, phase: phase.name, scopeId, index, rows: e.rows, tenancy: e.tenancy, failures: [], attempts: 0 };
        },
        nextChunkId: () => chunkId++,
      });
      const [first] = scopes;
      await d.phase(phase.name, work, scopes.length, (m) => ordered.accept(m.index, m), {
        perTask: size,
        parallel: phase.parallel?.(options) ?? Infinity,
        limiter: limiters.get(phase.service, first?.region).buffer,
        inFlightLimit: () => {
          let sum = 0;
          for (const b of used) sum += readLimit(b);
          return sum;
        },
        counted: !phase.probe,
        unwritten: phase.backlog?.(options),
      });
      return phase.learn?.(keep, env, state);
    };
    // Threads take tens of ms to stop: once the last step that calls out is done they stop while the
    // local steps (the analysis) still run, not after them.
    const callsOut = (s: Step) => !isLocal(s) || s.callsOut === true;
    let calling = phases.filter(callsOut).length;
    const step = async (s: Step, known: Partial<Known>) => {
      const tap = isLocal(s) ? undefined : taps.get(s.name);
      try {
        const learned = await (isLocal(s) ? s.run(known, env) : fanOut(s, known));
        tap?.end();
        return learned;
      } catch (e) {
        tap?.fail(e);
        throw e;
      } finally {
        if (callsOut(s) && --calling === 0) closing = pool!.close();
      }
    };
    // A phase that fails (bad credentials found by the listing) stops the others like an interrupt.
    // A step that does not run neither waits for the phase it follows nor is waited for.
    const skipped = (s: Step) => (isLocal(s) ? s.follows && taps.get(s.follows)?.drop() : taps.get(s.name)?.fail(new Error(`${s.name} did not run`)));
    await schedule(phases, step, stop, skipped);
    await Promise.all(meanwhile);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    clearTimeout(grace);
    await (closing ?? pool?.close())?.catch(() => {});
    await Promise.allSettled(meanwhile);
    if (failed) {
      // A run that collected nothing leaves nothing to resume: no journal to trip over next time.
      try {
        if (journal.recorded === 0 && !options.resume) journal.remove();
        else journal.close();
      } catch {
        // The error being thrown already says what went wrong with the disk.
      }
      await output.abort().catch(() => {});
    }
  }

  const d = dispatcher!;
  const allLimiters = limiters.stats();
  const limiterStats = allLimiters['identity'];
  const total = Math.round(performance.now() - t0);
  const interrupted = Atomics.load(control, 0) !== 0;
  const complete = d.failedScopes === 0 && !interrupted;
  const requests = { total: d.stats.requests, throttled: d.stats.throttled, retried: d.stats.retried, failedScopes: d.failedScopes, resumedScopes: d.resumedScopes };
  const timings = { ...d.timings, total };
  const finishing = output.finish({
    tool: 'oci-growth',
    version: VERSION,
    tenancyId,
    region: region ?? '',
    endpoint: options.endpoint,
    startedAt: started,
    finishedAt: new Date(),
    complete,
    timings,
    requests,
    extra: {
      interrupted,
      resumed: Boolean(options.resume),
      limiter: limiterStats,
      limiters: allLimiters,
      ...reported,
      settings: { threads: options.threads, concurrency: options.concurrency, chunkSize: options.chunkSize, adaptive: options.adaptive, maxRps: options.maxRps ?? null, timeoutMs: options.timeoutMs, retry: options.retry },
      ...options.metadata,
    },
  });
  let files: string[];
  try {
    ({ files } = await finishing);
  } catch (e) {
    // Outputs could not be published (disk full at the end): the journal keeps everything for --resume.
    journal.close();
    throw e;
  }
  // A complete run's files are its record; a partial run keeps its journal for --resume.
  if (complete) journal.remove();
  else journal.close();
  return { complete, interrupted, exitCode: complete ? 0 : 3, outputDir: dir, files, tenancyId, region, counts: output.counts(), timings, requests, limiter: limiterStats, limiters: allLimiters };
}
