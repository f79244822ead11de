import pLimit from 'p-limit';
import { UsageError } from '../errors.js';
import { resolveAuth } from '../oci/auth.js';
import { emptyStats, type CallStats } from '../oci/call.js';
import { createLimiter, readLimiterStats, type LimiterStats } from '../limit/index.js';
import { RunOutput } from '../output/index.js';
import { compartments, tagDefaults, tagDefinitions, tagNamespaces, failures as failuresKind, type Row } from '../resources/index.js';
import type { FailureRow, Phase, Scope, ScopeMessage, Task, WorkerConfig } from '../../workers/protocol.js';
import { chunk } from './chunk.js';
import { OrderedRelease } from './ordered.js';
import { CollectorPool } from './pool.js';
import { buildTree } from './tree.js';
import { REGION_ID, TENANCY_OCID, type CollectOptions } from './options.js';
import { VERSION } from '../version.js';

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
  requests: { total: number; throttled: number; retried: number; failedScopes: number };
  limiter: LimiterStats;
}

type ScopeResult = { rows: Row[]; failure?: FailureRow };

/** Checks what can be checked before any thread starts, so bad input fails in one line, fast. */
async function preflight(options: CollectOptions) {
  if (!Number.isInteger(options.threads) || options.threads < 1) throw new UsageError(`--threads must be a whole number ≥ 1 (got ${options.threads})`);
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new UsageError(`--concurrency must be a whole number ≥ 1 (got ${options.concurrency})`);
  if (!Number.isInteger(options.chunkSize) || options.chunkSize < 1) throw new UsageError(`--chunk-size must be a whole number ≥ 1 (got ${options.chunkSize})`);
  if (!(options.timeoutMs > 0)) throw new UsageError(`--timeout must be a positive number of seconds`);
  const auth = await resolveAuth(options.auth);
  for (const w of auth.warnings) options.onWarning?.(w);
  const tenancyId = options.tenancyId ?? auth.tenancyId;
  if (!tenancyId) throw new UsageError('no tenancy: pass --tenancy or set "tenancy" in the profile');
  if (!TENANCY_OCID.test(tenancyId)) throw new UsageError(`"${tenancyId}" is not a tenancy OCID (expected ocid1.tenancy.<realm>..<id>)`);
  const region = options.region ?? auth.region;
  if (region && !REGION_ID.test(region)) throw new UsageError(`"${region}" is not an OCI region identifier (e.g. us-ashburn-1)`);
  if (!region && !options.endpoint) throw new UsageError('no region: pass --region or set "region" in the profile');
  if (options.endpoint) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new UsageError(`--endpoint "${options.endpoint}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be an http(s) URL (got ${url.protocol})`);
  }
  return { tenancyId, region };
}

/** Runs a whole collection; resolves with the report once the outputs are in place. */
export async function collect(options: CollectOptions): Promise<RunReport> {
  const { tenancyId, region } = await preflight(options);
  const output = await RunOutput.open(options.outputDir, { force: options.force });
  const started = new Date();
  const t0 = performance.now();
  const maxLimit = options.threads * options.concurrency;
  const limiter = createLimiter({ adaptive: options.adaptive, maxLimit, initialLimit: Math.min(8, maxLimit), maxRps: options.maxRps });
  const control = new SharedArrayBuffer(4);
  const cancelled = () => Atomics.load(new Int32Array(control), 0) !== 0;
  const onAbort = () => Atomics.store(new Int32Array(control), 0, 1);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const config: WorkerConfig = {
    client: { auth: options.auth, endpoint: options.endpoint, region, timeoutMs: options.timeoutMs },
    limiter,
    control,
    retry: options.retry,
    concurrency: options.concurrency,
  };
  const stats: CallStats = emptyStats();
  const timings = { compartments: 0, tag_namespaces: 0, tag_definitions: 0, tag_defaults: 0, total: 0 };
  let failedScopes = 0;
  let sink: ((m: ScopeMessage) => void) | undefined;
  const pool = new CollectorPool({ threads: options.threads, config, onScope: (m) => sink?.(m) });

  /** Runs one phase: dispatches its tasks, streams results to `accept`, keeps every scope accounted for. */
  async function phase(name: Phase, tasks: Task[], total: number, accept: (m: ScopeMessage) => Promise<void>, parallel = Infinity) {
    const p0 = performance.now();
    let done = 0;
    let failed = 0;
    const seen = new Set<string>();
    const pending: Promise<void>[] = [];
    const report = () => {
      const l = readLimiterStats(limiter);
      options.onProgress?.({ phase: name, done, total, failed, requests: stats.requests + l.sends, throttled: stats.throttled + l.throttles, limit: l.limit, elapsedMs: performance.now() - t0, phaseElapsedMs: performance.now() - p0 });
    };
    sink = (m) => {
      if (m.phase !== name) return;
      if (m.failure) failed++;
      if (!seen.has(m.scopeId)) {
        seen.add(m.scopeId);
        done++;
      }
      pending.push(accept(m));
      report();
    };
    report();
    const limit = pLimit(parallel);
    await Promise.all(
      tasks.map((task) =>
        limit(async () => {
          try {
            const r = await pool.run(task);
            stats.requests += r.stats.requests;
            stats.throttled += r.stats.throttled;
            stats.retried += r.stats.retried;
          } catch (e) {
            // A thread that died takes no scope with it silently: each unanswered scope becomes a failure.
            const scopes = 'scopes' in task ? task.scopes.map((s) => s.id) : [task.tenancyId];
            for (const id of scopes)
              if (!seen.has(id)) sink!({ type: 'scope', chunkId: task.chunkId, phase: name, scopeId: id, rows: [], attempts: 0, failure: { phase: name, scopeId: id, operation: 'WorkerTask', serviceCode: 'WorkerError', message: String((e as Error)?.message ?? e).split('\n')[0], attempts: 0 } });
          }
        }),
      ),
    );
    await Promise.all(pending);
    failedScopes += failed;
    timings[name] = Math.round(performance.now() - p0);
  }

  let chunkId = 0;
  const writeFailure = (f: FailureRow | undefined) => (f ? output.write(failuresKind, [f as unknown as Row]) : Promise.resolve());
  try {
    // Phase 1: the compartment tree (GetTenancy for the root, one paged ListCompartments for the rest).
    let tenancy: Row | undefined;
    let listed: Row[] = [];
    await phase('compartments', [{ op: 'compartments', chunkId: chunkId++, tenancyId }], 1, async (m) => {
      tenancy ??= m.tenancy;
      if (m.rows.length) listed = m.rows;
      await writeFailure(m.failure);
    });
    const tree = buildTree(tenancyId, tenancy, listed);
    await output.write(compartments, tree);

    // Phase 2: tag namespaces, sub-compartments included.
    let namespaces: Row[] = [];
    await phase('tag_namespaces', [{ op: 'tag_namespaces', chunkId: chunkId++, tenancyId }], 1, async (m) => {
      namespaces = m.rows;
      await output.write(tagNamespaces, m.rows);
      await writeFailure(m.failure);
    });

    // Phase 3: tag definitions, one task per namespace so they spread over the threads.
    const nsScopes: Scope[] = namespaces.map((n) => ({ id: String(n['id']), name: String(n['name']) }));
    await runScoped('tag_definitions', nsScopes, 1, tagDefinitions, options.maxWorkersTags);

    // Phase 4: the heavy one, every compartment's own tag defaults, the root included.
    const compScopes: Scope[] = tree.map((c) => ({ id: String(c['id']), name: String(c['name']) }));
    await runScoped('tag_defaults', compScopes, options.chunkSize, tagDefaults);
  } catch (e) {
    await pool.close().catch(() => {});
    await output.abort().catch(() => {});
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  await pool.close();

  async function runScoped(name: 'tag_definitions' | 'tag_defaults', scopes: Scope[], size: number, kind: typeof tagDefaults, parallel?: number) {
    const ordered = new OrderedRelease<ScopeResult>(
      scopes.map((s) => s.id),
      async (r) => {
        if (r.rows.length) await output.write(kind, r.rows);
        await writeFailure(r.failure);
      },
    );
    const tasks: Task[] = chunk(scopes, size).map((c) => ({ op: name, chunkId: chunkId++, scopes: c }));
    await phase(name, tasks, scopes.length, (m) => ordered.accept(m.scopeId, { rows: m.rows, failure: m.failure }), parallel);
  }

  const limiterStats = readLimiterStats(limiter);
  timings.total = Math.round(performance.now() - t0);
  const interrupted = cancelled();
  const complete = failedScopes === 0 && !interrupted;
  const requests = { total: stats.requests, throttled: stats.throttled, retried: stats.retried, failedScopes };
  const { files } = await output.finish({
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
    extra: { interrupted, limiter: limiterStats, threads: options.threads, concurrency: options.concurrency, adaptive: options.adaptive, maxRps: options.maxRps ?? null, ...options.metadata },
  });
  return {
    complete,
    interrupted,
    exitCode: complete ? 0 : 3,
    outputDir: options.outputDir,
    files,
    tenancyId,
    region,
    counts: output.counts(),
    timings,
    requests,
    limiter: limiterStats,
  };
}
