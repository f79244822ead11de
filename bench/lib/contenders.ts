// The contenders, as data: how to start each one as a child process on a scenario's simulator and how
// to read back what it collected. Adding a variant (another engine setting, `--signer fast`,
// `--max-rps`, adaptive on/off) is one entry in CONTENDERS.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULTS as ENGINE_DEFAULTS } from '../../src/collect/settings.js';
import { ENGINE_ENTRY } from './build.js';
import { fromSnapshot, type Collected } from './collected.js';

/** What a contender needs to know about the simulator it runs against. */
export interface SimTarget {
  url: string;
  tenancyId: string;
  configFile: string;
  profile: string;
}

export interface RunContext {
  sim: SimTarget;
  /** A fresh, empty directory the contender may write to. */
  workDir: string;
}

export interface Contender {
  id: string;
  label: string;
  kind: 'sdk' | 'engine';
  /** Requests in flight at most in the heavy phase: C in the latency bound. */
  inFlight: number;
  /** JavaScript threads doing requests: how many cores it could keep busy. */
  threads: number;
  /** The speedup column compares every contender of a scenario with this one. */
  baseline?: boolean;
  /** Runs the JavaScript of bench/lib/build.ts (no tsx loader); otherwise a TypeScript script through tsx. */
  compiled?: boolean;
  /** Script + arguments, run as `node [--import tsx] --import <probe> …argv` from the repo root. */
  argv(ctx: RunContext): string[];
  /** Reads back what the run collected, after it exited. */
  collected(ctx: RunContext): Promise<Collected>;
}

const simArgs = (s: SimTarget) => ['--config-file', s.configFile, '--profile', s.profile, '--endpoint', s.url];

function sdk(id: string, label: string, script: string, inFlight: number, extra: string[] = [], baseline = false): Contender {
  return {
    id,
    label,
    kind: 'sdk',
    inFlight,
    threads: 1,
    baseline,
    argv: (ctx) => [script, ...simArgs(ctx.sim), '--out', join(ctx.workDir, 'collected.json'), ...extra],
    collected: async (ctx) => JSON.parse(await readFile(join(ctx.workDir, 'collected.json'), 'utf8')) as Collected,
  };
}

export interface EngineSettings {
  /** Both omitted: no --threads / --concurrency flag at all, what a user who sets no number gets. */
  threads?: number;
  concurrency?: number;
  /** More CLI flags, e.g. ['--no-adaptive'] or ['--signer', 'fast']. */
  extra?: string[];
  /** Appended to the id and label, to tell variants with the same threads × concurrency apart. */
  variant?: string;
}

// Engine contenders run with the CLI's defaults (adaptive concurrency, the fast signer) unless a variant
// says otherwise: that is what a user gets.

export function engine(s: EngineSettings): Contender {
  const suffix = s.variant ? `-${s.variant}` : '';
  const given = s.threads !== undefined || s.concurrency !== undefined;
  const threads = s.threads ?? ENGINE_DEFAULTS.threads;
  const concurrency = s.concurrency ?? ENGINE_DEFAULTS.concurrency;
  const sizing = given ? ['--threads', String(threads), '--concurrency', String(concurrency)] : [];
  return {
    id: given ? `engine-${threads}x${concurrency}${suffix}` : `engine-default${suffix}`,
    label: given ? `engine ${threads}×${concurrency}${s.variant ? ` ${s.variant}` : ''}` : `engine defaults (${threads}×${concurrency})${s.variant ? ` ${s.variant}` : ''}`,
    kind: 'engine',
    compiled: true,
    inFlight: threads * concurrency,
    threads,
    // The Identity phases only, as the SDK contenders collect: resources and cost have a bench of their
    // own (bench/resources.ts).
    argv: (ctx) => [ENGINE_ENTRY, 'collect', ...simArgs(ctx.sim), '--output-dir', join(ctx.workDir, 'out'), ...sizing, '--no-resources', '--no-cost', ...(s.extra ?? []), '--quiet', '--json'],
    collected: async (ctx) => fromSnapshot(JSON.parse(await readFile(join(ctx.workDir, 'out', 'growth_collection_tags.json'), 'utf8'))),
  };
}

export const CONTENDERS: Contender[] = [
  sdk('sdk-sequential', 'SDK sequential', 'bench/contenders/sdk-sequential.ts', 1, [], true),
  sdk('sdk-pool-20', 'SDK pool 20 (reference-style)', 'bench/contenders/sdk-pool.ts', 20, ['--concurrency', '20']),
  engine({ threads: 1, concurrency: 20 }),
  engine({ threads: 2, concurrency: 10 }),
  engine({ threads: 2, concurrency: 32 }),
  engine({ threads: 2, concurrency: 64 }),
  // The same setting with one engine feature turned off, to show what each contributes.
  engine({ threads: 2, concurrency: 32, extra: ['--signer', 'stock'], variant: 'stock-signer' }),
  engine({ threads: 2, concurrency: 32, extra: ['--no-adaptive'], variant: 'fixed' }),
  // No number given: the engine sizes and paces itself (the rate-limit scenarios).
  engine({}),
  engine({ extra: ['--signer', 'stock'], variant: 'stock-signer' }),
  // Fixed settings that miss a server's rate: far too many in flight (over-drives), or far too few.
  engine({ threads: 1, concurrency: 2, extra: ['--no-adaptive'], variant: 'fixed' }),
  engine({ threads: 2, concurrency: 64, extra: ['--no-adaptive'], variant: 'fixed' }),
  engine({ threads: 2, concurrency: 128, extra: ['--no-adaptive'], variant: 'fixed' }),
];

/**
 * The engines the headlines quote, first one present wins: the CLI's defaults with no number given,
 * else 2×32 (the defaults on a 2-core machine before the limiter found its own ceiling). Quoting the
 * best of a sweep instead would pick the luckiest run.
 */
export const HEADLINE_ENGINES = ['engine-default', 'engine-2x32'];
/** The SDK contender the engine's overhead goal is measured against: one thread, 20 in flight. */
export const SDK_REFERENCE = 'sdk-pool-20';

export function contenderById(id: string, list: readonly Contender[] = CONTENDERS): Contender {
  const c = list.find((x) => x.id === id);
  if (!c) throw new Error(`unknown contender "${id}" (known: ${list.map((x) => x.id).join(', ')})`);
  return c;
}
