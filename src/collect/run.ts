import { UsageError } from '../errors.js';
import { createLimiter, readLimiterStats, type LimiterStats } from '../limit/index.js';
import { RunLock, RunOutput } from '../output/index.js';
import { compartments, tagDefaults, tagDefinitions, tagNamespaces, failures as failuresKind, type ResourceKind, type Row } from '../resources/index.js';
import { VERSION } from '../version.js';
import type { Phase, Scope, ScopeMessage, Task, WorkerConfig } from '../../workers/protocol.js';
import { analyzeCollected } from './analysis.js';
import { chunk } from './chunk.js';
import { Dispatcher } from './dispatch.js';
import { Journal, type JournalEntry } from './journal.js';
import { OrderedRelease } from './ordered.js';
import { CollectorPool } from './pool.js';
import { preflight, type Target } from './preflight.js';
import { buildTree } from './tree.js';
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
  timings: Record<Phase | 'total', number>;
  requests: { total: number; throttled: number; retried: number; failedScopes: number; resumedScopes: number };
  limiter: LimiterStats;
}

/**
 * Requests in flight at the start; adaptive concurrency grows from here. Low, because against a rate
 * limit whatever is in flight when the server's burst runs out comes back 429: 4 rather than 8 halves
 * that discovery cost, for one more round trip of slow start (or ~0.1 s of its time cap).
 */
const INITIAL_LIMIT = 4;

/** After an interrupt, calls in flight get this long to finish before they are aborted. */
const GRACE_MS = 3000;

/**
 * The first phase's calls tell whether the run can work at all. A 401 on them means the credentials
 * (user, fingerprint, key, tenancy) are wrong, and a network error after every retry means the
 * endpoint is: thousands of identical failures would say less than one line now.
 */
function refuseIfUnusable(listing: ScopeMessage, target: string, options: CollectOptions): void {
  const f = listing.failures;
  const auth = f.find((x) => x.httpStatus === 401);
  if (auth)
    throw new UsageError(
      `the server rejected the request signature (401 ${auth.serviceCode}): check user, fingerprint, key_file and tenancy of profile [${options.auth.profile}] in ${options.auth.configFile}`,
    );
  const list = f.find((x) => x.operation === 'ListCompartments');
  if (list && (list.serviceCode === 'NetworkError' || list.serviceCode === 'Timeout'))
    throw new UsageError(`cannot reach the Identity endpoint (${target}): ${list.message}`);
}

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
  const output = await RunOutput.open(dir, { force: options.force || options.resume });
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
  const maxLimit = options.threads * options.concurrency;
  const limiter = createLimiter({ adaptive: options.adaptive, maxLimit, initialLimit: Math.min(INITIAL_LIMIT, maxLimit), maxRps: options.maxRps });
  const control = new Int32Array(new SharedArrayBuffer(4));
  let grace: NodeJS.Timeout | undefined;
  const onAbort = () => {
    Atomics.store(control, 0, 1);
    grace = setTimeout(() => Atomics.store(control, 0, 2), GRACE_MS);
    grace.unref();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const config: WorkerConfig = {
    client: { auth: options.auth, endpoint: options.endpoint, region, timeoutMs: options.timeoutMs },
    limiter,
    control: control.buffer as SharedArrayBuffer,
    retry: options.retry,
    concurrency: options.concurrency,
  };
  let dispatcher: Dispatcher | undefined;
  const pool = new CollectorPool({ threads: options.threads, config, onScope: (m) => dispatcher?.deliver(m) });
  dispatcher = new Dispatcher(pool, limiter, journal, options.onProgress, t0, () => Atomics.store(control, 0, 1));
  const d = dispatcher;
  let chunkId = 0;
  const fromJournal = (phase: Phase, ids: string[]): ScopeMessage[] =>
    ids.flatMap((id) => {
      const e = done.get(Journal.key(phase, id));
      return e ? [{ type: 'scope' as const, chunkId: -1, phase, scopeId: id, rows: e.rows, tenancy: e.tenancy, failures: [], attempts: 0 }] : [];
    });
  const writeResult = async (kind: ResourceKind | undefined, m: ScopeMessage) => {
    if (kind && m.rows.length) await output.write(kind, m.rows);
    if (m.failures.length) await output.write(failuresKind, m.failures as unknown as Row[]);
  };
  /** Fans a phase out over the pool, one scope per compartment or namespace, released in scope order. */
  const scoped = async (name: 'tag_definitions' | 'tag_defaults', scopes: Scope[], size: number, kind: ResourceKind, parallel?: number) => {
    const ordered = new OrderedRelease<ScopeMessage>(scopes.map((s) => s.id), (m) => writeResult(kind, m));
    const resumed = fromJournal(name, scopes.map((s) => s.id));
    const skip = new Set(resumed.map((m) => m.scopeId));
    const tasks: Task[] = chunk(scopes.filter((s) => !skip.has(s.id)), size).map((c) => ({ op: name, chunkId: chunkId++, scopes: c }));
    await d.phase(name, tasks, scopes.length, (m) => ordered.accept(m.scopeId, m), resumed, parallel);
  };
  /** The two single-call phases: fetched unless the journal has them. */
  const single = async (name: 'compartments' | 'tag_namespaces', kind: ResourceKind | undefined) => {
    let result: ScopeMessage | undefined;
    const resumed = fromJournal(name, [tenancyId]);
    const tasks: Task[] = resumed.length ? [] : [{ op: name, chunkId: chunkId++, tenancyId }];
    await d.phase(name, tasks, 1, (m) => ((result = m), writeResult(kind, m)), resumed);
    return result!;
  };

  let failed = false;
  try {
    // Phases 2 and 3 need only the tenancy, so they run alongside phase 1, whose listing pages are
    // serial: against OCI that takes their two round trips off the run's time.
    // Phase 2: tag namespaces, sub-compartments included. Phase 3: tag definitions, one task per
    // namespace so they spread over the threads.
    const tags = (async () => {
      const namespaces = (await single('tag_namespaces', tagNamespaces)).rows;
      const nsScopes = namespaces.map((n) => ({ id: String(n['id']), name: String(n['name']) }));
      await scoped('tag_definitions', nsScopes, 1, tagDefinitions, options.maxWorkersTags);
    })();
    // Awaited below; handled now so that a failure while phase 1 still runs is not an unhandled rejection.
    tags.catch(() => {});
    // Phase 1: the compartment tree (GetTenancy for the root, one paged ListCompartments for the rest).
    // Only the scopes outlive it: the listing and the tree (50,000 rows on a big tenancy) are written
    // and dropped before the long phase starts.
    const compScopes = await (async () => {
      const listing = await single('compartments', undefined);
      refuseIfUnusable(listing, target, options);
      for (const w of listing.warnings ?? []) options.onWarning?.(w);
      const tree = buildTree(tenancyId, listing.tenancy, listing.rows);
      await output.write(compartments, tree);
      return tree.map((c) => ({ id: String(c['id']), name: String(c['name']) }));
    })().catch(async (e: unknown) => {
      // Not before the tag phases have settled: the pool they run on closes on the way out.
      await tags.catch(() => {});
      throw e;
    });
    await tags;
    // Phase 4: the heavy one, every compartment's own tag defaults, the root's included.
    await scoped('tag_defaults', compScopes, options.chunkSize, tagDefaults);

    // Local analysis, no calls: effective tag defaults and findings from what the phases above wrote.
    await analyzeCollected(output);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    clearTimeout(grace);
    await pool.close().catch(() => {});
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

  const limiterStats = readLimiterStats(limiter);
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
  return { complete, interrupted, exitCode: complete ? 0 : 3, outputDir: dir, files, tenancyId, region, counts: output.counts(), timings, requests, limiter: limiterStats };
}
