import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { heapFlagsApplied } from '../heap-flags.js';
import type { ScopeBatch, ScopeMessage, Task, TaskResult, ThreadLoaded, WorkerConfig } from '../../workers/protocol.js';

/**
 * The worker file sits beside this module's tree: `.ts` when run from source (tests, `npm start`),
 * `.js` once built, and then, where the build bundled it (scripts/bundle-worker.mjs), the bundle: a
 * thread starts faster from one module than from the SDK's hundreds. A `.ts` worker needs the tsx
 * loader in the thread; threads inherit `--import tsx` from the command line, but not a loader
 * registered in-process, so pass it explicitly when missing.
 */
/** Where scripts/bundle-worker.mjs puts the bundle's entry, under a build's output directory. */
export const WORKER_BUNDLE = 'workers/bundle/collect-worker.mjs';

function workerSetup(): WorkerSetup {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const bundle = fileURLToPath(new URL(`../../${WORKER_BUNDLE}`, import.meta.url));
  const filename = ext === 'js' && existsSync(bundle) ? bundle : fileURLToPath(new URL(`../../workers/collect-worker.${ext}`, import.meta.url));
  if (!existsSync(filename)) throw new Error(`worker file missing: ${filename}`);
  if (ext === 'js' || process.execArgv.some((a) => a.includes('tsx'))) return { filename };
  return { filename, execArgv: [...process.execArgv, '--import', import.meta.resolve('tsx')] };
}

/**
 * Tasks a thread may hold at once. The dispatcher bounds the scopes handed out (dispatch.ts), and the
 * per-thread, per-limiter caps inside the worker bound requests in flight; this only has to be high
 * enough that tasks down to their last scope (a retry, a last page) do not keep a thread from taking
 * the next, with phases running side by side.
 */
const TASKS_PER_THREAD = 32;

/** Heap limits per pool thread (see the constructor). */
const YOUNG_GENERATION_MB = 4;
const OLD_GENERATION_MB = 1024;

export interface PoolOptions {
  threads: number;
  config: WorkerConfig;
  onScope: (m: ScopeMessage) => void;
  /** Another worker speaking workers/protocol.ts, and its threads' Node flags (tests). */
  worker?: WorkerSetup;
}

interface WorkerSetup {
  filename: string;
  /** Default: the process's own. */
  execArgv?: string[];
}

type Balancer = NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer'] & {};
type PoolThread = Parameters<Balancer>[1][number];

/** The thread with the fewest scopes outstanding (then tasks), if it can take another task. */
function leastBusy(threads: readonly PoolThread[], max: number, load: ReadonlyMap<number, number>): PoolThread | null {
  let best: PoolThread | null = null;
  let bestLoad = Infinity;
  for (const t of threads) {
    if (t.currentUsage >= max) continue;
    const l = load.get(t.id) ?? 0;
    if (l < bestLoad || (l === bestLoad && t.currentUsage < best!.currentUsage)) [best, bestLoad] = [t, l];
  }
  return best;
}

/**
 * The coordinator's view of the thread pool: run a task, get its result once every scope result it
 * posted has been handed to `onScope` (results and batches use different ports, so either may come first).
 */
export class CollectorPool {
  readonly #piscina: Piscina<Task, TaskResult>;
  readonly #onScope: (m: ScopeMessage) => void;
  /** Threads the pool runs (Piscina's list is empty until they start). */
  readonly size: number;
  /** Per chunk: messages received so far, and the waiter for a result that arrived before its messages. */
  readonly #received = new Map<number, number>();
  readonly #waiting = new Map<number, { expect: number; resolve: () => void }>();
  /**
   * Keeps the process up while the pool is open. Piscina unrefs a thread once it is idle, and a task's
   * scope batch can still be on its way (another port) after its result arrived: with nothing else
   * holding the event loop, Node would exit mid-run (code 13, an unsettled top-level await) — a bench
   * run did, after the tag phases started overlapping the compartment listing.
   */
  readonly #alive: NodeJS.Timeout;
  /**
   * Threads whose modules are loaded. Piscina hands its first threads tasks before they have loaded
   * anything (on a busy machine one thread can take far longer than the other), so until one has,
   * tasks are held here, and then they go to loaded threads first: the compartment listing, which
   * every later phase waits for, never waits on the slower thread.
   */
  readonly #loaded = new Set<number>();
  readonly #firstLoaded: Promise<void>;
  /**
   * Per thread: scopes of the tasks placed on it not yet answered. Tasks differ in what is left of
   * them (one may be down to a retry), so a thread's task count says little of its queue, and a scope
   * queued behind a thread's own cap waits there while the other thread has room.
   */
  readonly #load = new Map<number, number>();
  /** Per task placed here: its thread and its scopes not yet answered. */
  readonly #placed = new Map<number, { thread: number; left: number }>();
  /** The task being handed to Piscina: with a thread free, it calls the balancer at once, for this task. */
  #placing?: Task;
  /** Fails the tasks held for a first thread (no effect once one has loaded). */
  readonly #loadFailed: (e: unknown) => void;

  constructor(options: PoolOptions) {
    this.#onScope = options.onScope;
    this.size = options.threads;
    this.#piscina = new Piscina<Task, TaskResult>({
      ...(options.worker ?? workerSetup()),
      minThreads: options.threads,
      maxThreads: options.threads,
      concurrentTasksPerWorker: TASKS_PER_THREAD,
      idleTimeout: 30_000,
      workerData: { ...options.config, heapFlags: heapFlagsApplied() } satisfies WorkerConfig,
      // A busy isolate's young generation grows to V8's default (48 MB) whatever it keeps; a thread's
      // objects live one request, so a small one costs a few more scavenges and saves that per thread.
      // V8 lets an old generation grow to 4× what survived its last full collection when the limit is
      // large; with a limit still far above any listing a thread holds, it collects at ~1.6×.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
      loadBalancer: (_task, threads) => {
        const t = leastBusy(threads.filter((t) => this.#loaded.has(t.id)), TASKS_PER_THREAD, this.#load) ?? leastBusy(threads, TASKS_PER_THREAD, this.#load);
        const placing = this.#placing;
        if (t && placing) {
          this.#placing = undefined;
          this.#placed.set(placing.chunkId, { thread: t.id, left: placing.scopes.length });
          this.#load.set(t.id, (this.#load.get(t.id) ?? 0) + placing.scopes.length);
        }
        return t;
      },
    });
    let loaded!: () => void;
    let failed!: (e: unknown) => void;
    this.#firstLoaded = new Promise<void>((resolve, reject) => ((loaded = resolve), (failed = reject)));
    this.#firstLoaded.catch(() => {}); // observed by run()
    // A thread that fails to load (and Piscina's replacements of it) holds no task to fail: the held
    // tasks fail with its error. Once a thread has loaded, errors are Piscina's to report as before.
    this.#loadFailed = failed;
    const onError = (e: unknown) => failed(e);
    this.#piscina.on('error', onError);
    // Only once the pool exists: a pool that failed to start is never closed, and this would keep the
    // process up for good.
    this.#alive = setInterval(() => {}, 1 << 30);
    this.#piscina.on('message', (b: ScopeBatch | ThreadLoaded) => {
      if (b?.type === 'loaded') {
        this.#loaded.add(b.threadId);
        this.#piscina.off('error', onError);
        loaded();
        return;
      }
      if (b?.type !== 'scopes') return;
      for (const m of b.items) {
        const p = this.#placed.get(m.chunkId);
        if (p && p.left > 0) {
          p.left--;
          this.#load.set(p.thread, this.#load.get(p.thread)! - 1);
        }
        this.#onScope(m);
        const n = (this.#received.get(m.chunkId) ?? 0) + 1;
        this.#received.set(m.chunkId, n);
        const w = this.#waiting.get(m.chunkId);
        if (w && n >= w.expect) w.resolve();
      }
    });
  }

  async run(task: Task): Promise<TaskResult> {
    await this.#firstLoaded;
    this.#placing = task;
    let running: Promise<TaskResult>;
    try {
      running = this.#piscina.run(task);
    } finally {
      // Placed later from Piscina's own queue (no thread free): then it is not counted.
      this.#placing = undefined;
    }
    try {
      const result = await running;
      if ((this.#received.get(task.chunkId) ?? 0) < result.posted)
        await new Promise<void>((resolve) => this.#waiting.set(task.chunkId, { expect: result.posted, resolve }));
      return result;
    } finally {
      this.#received.delete(task.chunkId);
      this.#waiting.delete(task.chunkId);
      // A task that failed leaves scopes that will never be answered: they no longer load its thread.
      const p = this.#placed.get(task.chunkId);
      if (p) this.#load.set(p.thread, this.#load.get(p.thread)! - p.left);
      this.#placed.delete(task.chunkId);
    }
  }

  close(): Promise<void> {
    clearInterval(this.#alive);
    this.#loadFailed(new Error('the thread pool was closed before any of its threads had loaded'));
    return this.#piscina.close({ force: true });
  }
}
