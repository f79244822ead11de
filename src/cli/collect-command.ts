import type { Argv, CommandModule } from 'yargs';
import { collect, type RunReport } from '../collect/run.js';
import { DEFAULTS } from '../collect/options.js';
import { AUTH_KINDS, type AuthKind, type SignerKind } from '../oci/auth.js';
import { DEFAULT_CONFIG_FILE } from '../oci/config.js';
import { UsageError } from '../errors.js';
import { quietConsole } from '../oci/quiet-console.js';
import { ProgressView } from './progress.js';
import { withSimulatedTenancy } from './simulate.js';
import { positiveInt, positiveNumber } from './numbers.js';

interface CollectArgs {
  configFile: string;
  profile: string;
  auth: AuthKind;
  region?: string;
  tenancy?: string;
  endpoint?: string;
  outputDir: string;
  force: boolean;
  resume: boolean;
  threads?: number;
  concurrency?: number;
  maxWorkersTags?: number;
  maxWorkersCompartments?: number;
  timeout: number;
  retries: number;
  chunkSize: number;
  adaptive: boolean;
  maxRps?: number;
  signer: SignerKind;
  simulate?: number;
  quiet: boolean;
  json: boolean;
  progress: 'auto' | 'lines' | 'off';
}

export const collectCommand: CommandModule<object, CollectArgs> = {
  command: 'collect',
  describe: 'Collect compartments, tag namespaces, tag definitions and tag defaults into --output-dir',
  builder: (y: Argv) =>
    y
      // Read at parse time, like the OCI CLI's own variables, so a test or wrapper can set them per run.
      .option('config-file', { type: 'string', default: process.env['OCI_CLI_CONFIG_FILE'] || DEFAULT_CONFIG_FILE, describe: 'OCI config file (env OCI_CLI_CONFIG_FILE)' })
      .option('profile', { type: 'string', default: process.env['OCI_CLI_PROFILE'] || 'DEFAULT', describe: 'Profile in the config file (env OCI_CLI_PROFILE)' })
      .option('auth', { choices: AUTH_KINDS, default: (process.env['OCI_CLI_AUTH'] || 'api_key') as AuthKind, describe: 'Authentication method (env OCI_CLI_AUTH)' })
      .option('region', { type: 'string', describe: 'Home region (default: the profile\'s)' })
      .option('tenancy', { type: 'string', describe: 'Tenancy OCID (default: the profile\'s)' })
      .option('endpoint', { type: 'string', describe: 'Identity endpoint URL override (simulator, proxy)' })
      .option('output-dir', { alias: 'o', type: 'string', default: './output', describe: 'Where the CSV/JSON/summary files go' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the outputs of an earlier run in --output-dir' })
      .option('resume', { type: 'boolean', default: false, describe: 'Continue the interrupted or partial run in --output-dir: fetch only what it lacks' })
      .option('threads', { type: 'number', describe: `Worker threads (default ${DEFAULTS.threads})`, coerce: positiveInt('--threads') })
      .option('concurrency', { type: 'number', describe: `Requests in flight per thread at most (default ${DEFAULTS.concurrency})`, coerce: positiveInt('--concurrency') })
      .option('max-workers-compartments', { type: 'number', describe: 'Reference-tool name: total requests in flight at most (spread over --threads)', coerce: positiveInt('--max-workers-compartments') })
      .option('max-workers-tags', { type: 'number', describe: 'Reference-tool name: namespaces listed at once', coerce: positiveInt('--max-workers-tags') })
      .option('adaptive', { type: 'boolean', default: true, describe: 'Adapt concurrency and rate to the server (its 429s); --no-adaptive holds the maximum' })
      .option('max-rps', { type: 'number', describe: 'Ceiling on requests per second, across all threads', coerce: positiveNumber('--max-rps') })
      .option('timeout', { type: 'number', default: DEFAULTS.timeoutSeconds, describe: 'Seconds per call before it is abandoned and retried', coerce: positiveNumber('--timeout') })
      .option('retries', { type: 'number', default: DEFAULTS.retry.maxAttempts - 1, describe: 'Retries per call on 429, 5xx, timeouts and network errors', coerce: positiveInt('--retries', 0) })
      .option('chunk-size', { type: 'number', default: DEFAULTS.chunkSize, describe: 'Compartments per pool task', coerce: positiveInt('--chunk-size') })
      .option('signer', { choices: ['fast', 'stock'] as const, default: 'fast' as SignerKind, describe: 'Request signer: fast (key parsed once) or the SDK\'s stock one' })
      .option('simulate', {
        type: 'string',
        describe: 'Collect from a built-in simulated tenancy of N compartments (default 2000, plus the root); needs no OCI account',
        // A bare --simulate arrives as '' (a number-typed flag would drop it as NaN).
        coerce: (v: unknown) => (v === undefined ? undefined : v === '' || v === true ? 2000 : positiveInt('--simulate')(v)),
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress output' })
      .option('progress', { choices: ['auto', 'lines', 'off'] as const, default: 'auto' as const, describe: 'Progress display: spinner on a terminal, lines otherwise' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable run summary on stdout' })
      .check((a) => {
        if (a.simulate !== undefined && (a.endpoint || a.tenancy)) throw new UsageError('--simulate runs its own tenancy: drop --endpoint/--tenancy');
        if (a.simulate !== undefined && a.resume) throw new UsageError('--resume needs the same tenancy; a --simulate tenancy lives only for one run');
        if (a.resume && a.force) throw new UsageError('--resume continues the earlier run, --force discards it: pick one');
        return true;
      }) as unknown as Argv<CollectArgs>,
  handler: async (args) => {
    process.exitCode = await runCollect(args);
  },
};

function summaryJson(r: RunReport) {
  const usage = process.resourceUsage();
  return {
    complete: r.complete,
    interrupted: r.interrupted,
    exitCode: r.exitCode,
    outputDir: r.outputDir,
    files: r.files,
    tenancyId: r.tenancyId,
    region: r.region ?? null,
    counts: r.counts,
    timings: r.timings,
    requests: { total: r.requests.total, throttled: r.requests.throttled, retried: r.requests.retried, failed: r.requests.failedScopes },
    limiter: r.limiter,
    process: { cpuUserMs: Math.round(usage.userCPUTime / 1000), cpuSystemMs: Math.round(usage.systemCPUTime / 1000), maxRssKb: usage.maxRSS },
  };
}

function humanResult(r: RunReport): string {
  const c = r.counts;
  const head = r.complete ? 'Collection complete' : r.interrupted ? 'Collection INTERRUPTED (partial)' : 'Collection PARTIAL';
  return [
    `${head}: ${c['compartments']} compartments, ${c['tag_namespaces']} tag namespaces, ${c['tag_definitions']} tag definitions, ${c['tag_defaults']} tag defaults` +
      (c['failures'] ? `, ${c['failures']} failures (see failures.csv)` : ''),
    `${r.requests.total} requests (${r.requests.throttled} throttled, ${r.requests.retried} retried) in ${(r.timings.total / 1000).toFixed(1)}s`,
    `Output: ${r.outputDir} (summary: growth_collection_summary.txt)`,
    '',
  ].join('\n');
}

async function runCollect(args: CollectArgs): Promise<number> {
  // Only now: yargs prints --help and --version through console.log.
  quietConsole();
  const threads = args.threads ?? DEFAULTS.threads;
  const concurrency = args.concurrency ?? (args.maxWorkersCompartments ? Math.ceil(args.maxWorkersCompartments / threads) : DEFAULTS.concurrency);
  const view = new ProgressView(args.quiet ? 'off' : args.progress);
  const interrupt = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  // First signal: stop dispatching, let calls in flight finish (or abort them after a grace period),
  // write what was collected marked incomplete. Second: leave at once; the journal is already on disk.
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) process.exit(sig === 'SIGINT' ? 130 : 143);
    signalled = sig;
    view.info(`${sig}: finishing calls in flight and writing what was collected (again to quit at once)`);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const base = {
      auth: { kind: args.auth, configFile: args.configFile, profile: args.profile, signer: args.signer },
      tenancyId: args.tenancy,
      region: args.region,
      endpoint: args.endpoint,
      outputDir: args.outputDir,
      force: args.force,
      resume: args.resume,
      threads,
      concurrency,
      chunkSize: args.chunkSize,
      maxWorkersTags: args.maxWorkersTags,
      timeoutMs: args.timeout * 1000,
      retry: { ...DEFAULTS.retry, maxAttempts: args.retries + 1 },
      adaptive: args.adaptive,
      maxRps: args.maxRps,
      signal: interrupt.signal,
      onProgress: (p: Parameters<ProgressView['update']>[0]) => view.update(p),
      onWarning: (m: string) => view.warn(m),
    };
    const report =
      args.simulate !== undefined
        ? await withSimulatedTenancy(args.simulate, (sim) => collect({ ...base, ...sim, auth: { ...sim.auth, signer: args.signer } }), (m) => view.info(m))
        : await collect(base);
    view.done(report.complete);
    if (args.json) process.stdout.write(JSON.stringify(summaryJson(report)) + '\n');
    else if (!args.quiet) process.stdout.write(humanResult(report));
    if (report.interrupted) {
      if (!args.quiet) process.stderr.write(`interrupted: continue with the same command plus --resume\n`);
      return signalled === 'SIGTERM' ? 143 : 130;
    }
    return report.exitCode;
  } catch (e) {
    view.done(false);
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
