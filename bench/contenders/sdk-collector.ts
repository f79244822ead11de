// The "straightforward user" of the stock OCI TypeScript SDK: one IdentityClient built from the config
// file, the four phases of the collection, a plain worker-pool for fan-out (what Python's
// ThreadPoolExecutor amounts to), and a simple retry on 429. Deliberately nothing clever: this is
// what we compare the engine against. Used by sdk-sequential.ts (1 at a time) and sdk-pool.ts (20).
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as common from 'oci-common';
import * as identity from 'oci-identity';
import type { Collected, CollectedDefault, CollectedFailure } from '../lib/collected.js';

export interface SdkRunOptions {
  configFile: string;
  profile: string;
  endpoint: string;
  /** Where the collected ids go, for the bench's correctness check. */
  out: string;
  /** Calls in flight in the tag-definitions phase (the reference tool: max_workers_tags = 10). */
  tagsConcurrency: number;
  /** Calls in flight in the tag-defaults phase (the reference tool: max_workers_compartments = 20). */
  defaultsConcurrency: number;
}

/** The same page size every contender uses, so all make the same number of calls. */
const PAGE_LIMIT = 1000;

/**
 * A reasonable user's retry on 429: exponential backoff with full jitter, 100 ms doubling to a 5 s
 * cap, 10 attempts. Only 429s are retried (the bench's scenarios inject no other faults); the SDK's
 * own retry is off because it waits up to ~95 s per throttled call and its breaker then fails every call.
 */
const RETRY = { attempts: 10, baseMs: 100, capMs: 5000 };

export interface Counters {
  requests: number;
  throttled: number;
  retried: number;
}

/** One logical call with the retry above; counts every attempt. */
export async function withRetry<T>(counters: Counters, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    counters.requests++;
    if (attempt > 1) counters.retried++;
    try {
      return await fn();
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      if (status === 429) counters.throttled++;
      if (status !== 429 || attempt >= RETRY.attempts) throw e;
      await sleep(Math.random() * Math.min(RETRY.capMs, RETRY.baseMs * 2 ** (attempt - 1)));
    }
  }
}

/** Follows opc-next-page; each page is one retried call. */
export async function listAll<T>(counters: Counters, page: (token: string | undefined) => Promise<{ items: T[]; opcNextPage?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const r = await withRetry(counters, () => page(token));
    items.push(...r.items);
    token = r.opcNextPage;
  } while (token);
  return items;
}

/** `limit` runners pulling from a shared index: ThreadPoolExecutor(max_workers=limit).map in one thread. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
}

function failureOf(phase: string, scopeId: string, e: unknown): CollectedFailure {
  const status = (e as { statusCode?: number }).statusCode;
  return { phase, scopeId, httpStatus: typeof status === 'number' ? status : undefined };
}

export async function runSdkCollection(o: SdkRunOptions): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const counters: Counters = { requests: 0, throttled: 0, retried: 0 };
  const timings: Record<string, number> = {};
  const failures: CollectedFailure[] = [];

  const provider = new common.ConfigFileAuthenticationDetailsProvider(o.configFile, o.profile);
  const client = new identity.IdentityClient(
    { authenticationDetailsProvider: provider },
    {
      retryConfiguration: common.NoRetryConfigurationDetails,
      circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
    },
  );
  client.endpoint = o.endpoint;
  const tenancyId = provider.getTenantId();

  // Phase 1: every compartment in the subtree, paged; keep ACTIVE; the root is one too.
  let t = performance.now();
  const listed = await listAll(counters, (page) =>
    client.listCompartments({
      compartmentId: tenancyId,
      compartmentIdInSubtree: true,
      accessLevel: identity.requests.ListCompartmentsRequest.AccessLevel.Any,
      limit: PAGE_LIMIT,
      page,
    }),
  );
  const compartments = [tenancyId, ...listed.filter((c) => c.lifecycleState === 'ACTIVE').map((c) => c.id)];
  timings['compartments'] = performance.now() - t;

  // Phase 2: tag namespaces of the whole tenancy.
  t = performance.now();
  const namespaces = await listAll(counters, (page) => client.listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true, limit: PAGE_LIMIT, page }));
  timings['tag_namespaces'] = performance.now() - t;

  // Phase 3: tag definitions, one listing per namespace.
  t = performance.now();
  const definitions: string[] = [];
  await forEachLimited(namespaces, o.tagsConcurrency, async (ns) => {
    try {
      const tags = await listAll(counters, (page) => client.listTags({ tagNamespaceId: ns.id!, limit: PAGE_LIMIT, page }));
      definitions.push(...tags.map((d) => d.id!));
    } catch (e) {
      failures.push(failureOf('tag_definitions', ns.id!, e));
    }
  });
  timings['tag_definitions'] = performance.now() - t;

  // Phase 4: each compartment's own tag defaults (the heavy phase: one listing per compartment).
  t = performance.now();
  const defaults: CollectedDefault[] = [];
  await forEachLimited(compartments, o.defaultsConcurrency, async (compartmentId) => {
    try {
      const rows = await listAll(counters, (page) => client.listTagDefaults({ compartmentId, limit: PAGE_LIMIT, page }));
      defaults.push(...rows.map((d) => ({ id: d.id, compartmentId: d.compartmentId, value: d.value })));
    } catch (e) {
      failures.push(failureOf('tag_defaults', compartmentId, e));
    }
  });
  timings['tag_defaults'] = performance.now() - t;
  timings['total'] = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  const collected: Collected = { compartments, tagNamespaces: namespaces.map((n) => n.id!), tagDefinitions: definitions, tagDefaults: defaults, failures };
  writeFileSync(o.out, JSON.stringify(collected));
  // The one result line the bench parses (the last JSON line on stdout).
  process.stdout.write(
    JSON.stringify({
      complete: failures.length === 0,
      counts: { compartments: compartments.length, tag_namespaces: namespaces.length, tag_definitions: definitions.length, tag_defaults: defaults.length, failures: failures.length },
      timings,
      requests: { total: counters.requests, throttled: counters.throttled, retried: counters.retried, failed: failures.length },
      process: { cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, maxRssKb: process.resourceUsage().maxRSS },
    }) + '\n',
  );
}

/** `--name value` pairs; the bench is the only caller, so no yargs here. */
export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) out[a.slice(2)] = argv[i + 1] ?? '';
    if (a.startsWith('--')) i++;
  }
  return out;
}

export function need(args: Record<string, string>, name: string): string {
  const v = args[name];
  if (!v) throw new Error(`missing --${name}`);
  return v;
}
