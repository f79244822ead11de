import { emptyStats, type CallStats } from '../oci/call.js';
import { readLimiterStats } from '../limit/index.js';
import { scopeKey, type Phase, type ScopeMessage, type Task } from '../../workers/protocol.js';
import type { CollectorPool } from './pool.js';
import { Journal } from './journal.js';
import { Backlog } from './backlog.js';
import type { Progress } from './options.js';

/** Fetched scope results not yet written above which no further task starts, unless the phase says. */
const UNWRITTEN_MAX = 1024;

/** How a phase's tasks are fed to the pool (Dispatcher.phase). */
export interface Feed {
  /** Scopes per task (at most). */
  perTask: number;
  /** How many of the phase's tasks may run at once. */
  parallel: number;
  /** The limiter whose figures the phase's progress shows. */
  limiter: SharedArrayBuffer;
  /** Requests the phase's limiters let out at once now (all of them: Search has one per region). */
  inFlightLimit: () => number;
  /** Whether the phase's failed scopes make the run partial (not for a probe's). */
  counted?: boolean;
  /** Fetched results not yet written above which no further task starts. */
  unwritten?: number;
}

/**
 * Runs the phases' tasks on the pool and keeps the books: every dispatched scope ends up either
 * accepted with rows or with a failure record (a task whose thread died reports its unanswered scopes
 * as failures), collected scopes are journaled as they arrive, and progress is reported per scope.
 */
export class Dispatcher {
  readonly stats: CallStats = emptyStats();
  readonly timings: Partial<Record<Phase, number>> = {};
  failedScopes = 0;
  /** Scopes answered from the journal of an earlier run, not fetched again. */
  resumedScopes = 0;
  readonly #pool: CollectorPool;
  readonly #journal: Journal;
  readonly #onProgress?: (p: Progress) => void;
  readonly #t0: number;
  readonly #stop: () => void;
  /** Per running phase: where its scope messages go (phases run alongside each other). */
  readonly #sinks = new Map<Phase, (m: ScopeMessage) => void>();
  /**
   * The first error that makes going on pointless (the disk is full, a write failed). Results arrive on
   * an event handler, where a throw would crash the process: it is kept here, the run is stopped like
   * an interrupt, and the phase rethrows it once the pool has settled.
   */
  #fatal?: unknown;
  /** Settles once #fatal is set: results are no longer taken then, so those waiting behind a gap are never written. */
  readonly #fatalSeen: Promise<void>;
  #onFatal!: () => void;

  constructor(pool: CollectorPool, journal: Journal, onProgress: ((p: Progress) => void) | undefined, t0: number, stop: () => void) {
    this.#stop = stop;
    this.#fatalSeen = new Promise((resolve) => (this.#onFatal = resolve));
    this.#pool = pool;
    this.#journal = journal;
    this.#onProgress = onProgress;
    this.#t0 = t0;
  }

  #fail(e: unknown): void {
    this.#fatal ??= e;
    this.#onFatal();
    this.#stop();
  }

  /** Where the pool delivers scope messages. */
  deliver(m: ScopeMessage): void {
    this.#sinks.get(m.phase)?.(m);
  }

  /**
   * @param work the phase's tasks, made as they are started, and among them results of its scopes that
   * the journal already holds, delivered as if fetched
   */
  async phase(name: Phase, work: Iterable<Task | ScopeMessage>, total: number, accept: (m: ScopeMessage) => Promise<void>, feed: Feed): Promise<void> {
    const { perTask, parallel, limiter, inFlightLimit, counted = true, unwritten = UNWRITTEN_MAX } = feed;
    const p0 = performance.now();
    let done = 0;
    let failed = 0;
    const seen = new Uint8Array(total);
    // Only the writes not yet settled: a list of every scope's promise would grow with the tenancy.
    const pending = new Set<Promise<void>>();
    // Resumed results are not counted: they are in memory already, and may wait on fetched ones.
    const backlog = new Backlog(unwritten);
    const report = () => {
      if (!this.#onProgress) return;
      const l = readLimiterStats(limiter);
      const now = performance.now();
      this.#onProgress({ phase: name, done, total, failed, requests: l.sends, throttled: l.throttles, limit: l.limit, elapsedMs: now - this.#t0, phaseElapsedMs: now - p0 });
    };
    // Scopes handed to the pool and not yet answered, and the feeding loop's wake-up when it waits for room.
    let outstanding = 0;
    let wake: (() => void) | undefined;
    const room = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const take = (m: ScopeMessage, fromJournal: boolean) => {
      if (seen[m.index]) return;
      seen[m.index] = 1;
      done++;
      if (!fromJournal) {
        outstanding--;
        room();
      }
      if (this.#fatal) return;
      if (m.failures.length) failed++;
      try {
        if (!m.failures.length && !fromJournal) this.#journal.record({ phase: name, scopeId: m.scopeId, rows: m.rows, tenancy: m.tenancy });
      } catch (e) {
        return this.#fail(e);
      }
      const p = accept(m);
      pending.add(p);
      if (!fromJournal) backlog.add(p);
      p.then(
        () => pending.delete(p),
        (e) => this.#fail(e),
      );
      report();
    };
    const sink = (m: ScopeMessage) => take(m, false);
    this.#sinks.set(name, sink);
    report();
    const items = work[Symbol.iterator]();
    /** The next task; results the journal holds on the way are taken at once. */
    const next = (): Task | undefined => {
      for (let r = items.next(); !r.done; r = items.next()) {
        if (!('type' in r.value)) return r.value;
        take(r.value, true);
        this.resumedScopes++;
      }
      return undefined;
    };
    const runTask = async (task: Task) => {
      try {
        const r = await this.#pool.run(task);
        this.stats.requests += r.stats.requests;
        this.stats.throttled += r.stats.throttled;
        this.stats.retried += r.stats.retried;
      } catch (e) {
        const message = String((e as Error)?.message ?? e).split('\n')[0];
        task.scopes.forEach((scope, i) => {
          const index = task.indexes[i]!;
          if (seen[index]) return;
          const region = scope.region ? { region: scope.region } : {};
          const failure = { phase: name, scopeId: scope.id, operation: 'WorkerTask', serviceCode: 'WorkerError', message, attempts: 0, ...region };
          sink({ type: 'scope', chunkId: task.chunkId, phase: name, scopeId: scopeKey(scope), index, rows: [], attempts: 0, failures: [failure] });
        });
      }
    };
    // Tasks start, in scope order, while the scopes handed out stay within what the limiters let out
    // at once plus a task's worth per thread: a slot freed in a thread then finds a scope waiting there,
    // and no scope waits there long. Results are written in scope order, so one held up in a thread's
    // queue holds up the writes of all after it, up to the unwritten bound, where feeding stops. A task
    // down to its last scope (a retry) counts as that one scope, not as a whole task.
    const per = Math.max(1, perTask);
    const ahead = () => Math.ceil(inFlightLimit()) + this.#pool.size * per;
    const running = new Set<Promise<void>>();
    for (;;) {
      await backlog.admit();
      const task = next();
      if (!task) break;
      while (running.size >= parallel || (outstanding > 0 && outstanding + task.scopes.length > ahead())) await new Promise<void>((r) => (wake = r));
      outstanding += task.scopes.length;
      const run: Promise<void> = runTask(task).finally(() => {
        running.delete(run);
        room();
      });
      running.add(run);
    }
    await Promise.all(running);
    await Promise.race([Promise.allSettled([...pending]), this.#fatalSeen]);
    this.#sinks.delete(name);
    if (this.#fatal) throw this.#fatal;
    if (counted) this.failedScopes += failed;
    // A phase may fan out more than once (a sample, then the rest): its time is the sum.
    this.timings[name] = (this.timings[name] ?? 0) + Math.round(performance.now() - p0);
  }
}
