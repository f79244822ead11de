import type { Argv, CommandModule } from 'yargs';
import { collect, type RunReport } from '../collect/run.js';
import { authDefaults, DEFAULTS, resolveSettings, type CollectSettings } from '../collect/settings.js';
import { runSummary } from '../collect/summary.js';
import { TAG_DEFAULTS_BY } from '../collect/options.js';
import { AUTH_KINDS, type AuthKind, type SignerKind } from '../oci/auth.js';
import { UsageError } from '../errors.js';
import { quietConsole } from '../oci/quiet-console.js';
import { ProgressView } from './progress.js';
import { withSimulatedTenancy } from './simulate.js';
import { positiveInt, positiveNumber } from './numbers.js';
import { rmdir } from 'node:fs/promises';
import { newHistoryRun, pointLatest } from '../output/history.js';

/** The library's settings plus what only a terminal needs; yargs camel-cases the flags into these. */
interface CollectArgs extends CollectSettings {
  simulate?: number;
  evolve?: number;
  history?: string;
  quiet: boolean;
  json: boolean;
  progress: 'auto' | 'lines' | 'off';
}

export const collectCommand: CommandModule<object, CollectArgs> = {
  command: 'collect',
  describe: 'Collect compartments, tag namespaces, definitions and defaults, and every resource\'s tags, into --output-dir',
  builder: (y: Argv) =>
    y
      .option('config-file', { type: 'string', default: authDefaults().configFile, describe: 'OCI config file (env OCI_CLI_CONFIG_FILE)' })
      .option('profile', { type: 'string', default: authDefaults().profile, describe: 'Profile in the config file (env OCI_CLI_PROFILE)' })
      .option('auth', { choices: AUTH_KINDS, default: authDefaults().auth as AuthKind, describe: 'Authentication method (env OCI_CLI_AUTH)' })
      .option('region', { type: 'string', describe: 'Home region (default: the profile\'s)' })
      .option('tenancy', { type: 'string', describe: 'Tenancy OCID (default: the profile\'s)' })
      .option('endpoint', { type: 'string', describe: 'Identity endpoint URL override (simulator, proxy); plain http only to loopback' })
      .option('insecure-endpoint', { type: 'boolean', default: false, describe: 'Allow a plain-http --endpoint that is not loopback (requests and tokens travel unencrypted)' })
      // No yargs default (resolveSettings supplies it): --history must know whether --output-dir was given.
      .option('output-dir', { alias: 'o', type: 'string', describe: `Where the CSV/JSON/summary files go (default ${DEFAULTS.outputDir})` })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the outputs of an earlier run in --output-dir' })
      .option('resume', { type: 'boolean', default: false, describe: 'Continue the interrupted or partial run in --output-dir: fetch only what it lacks' })
      .option('threads', { type: 'number', describe: `Worker threads (default ${DEFAULTS.threads})`, coerce: positiveInt('--threads') })
      .option('concurrency', { type: 'number', describe: `Requests in flight per thread at most (default ${DEFAULTS.concurrency})`, coerce: positiveInt('--concurrency') })
      .option('max-workers-compartments', { type: 'number', describe: 'Reference-tool name: total requests in flight at most, over all threads', coerce: positiveInt('--max-workers-compartments') })
      .option('max-workers-tags', { type: 'number', describe: 'Reference-tool name: namespaces listed at once', coerce: positiveInt('--max-workers-tags') })
      .option('adaptive', { type: 'boolean', default: true, describe: 'Adapt concurrency and rate to the server (its 429s); --no-adaptive holds the maximum' })
      .option('max-rps', { type: 'number', describe: 'Ceiling on requests per second, across all threads', coerce: positiveNumber('--max-rps') })
      .option('timeout', { type: 'number', default: DEFAULTS.timeoutSeconds, describe: 'Seconds per call before it is abandoned and retried', coerce: positiveNumber('--timeout') })
      .option('retries', { type: 'number', default: DEFAULTS.retry.maxAttempts - 1, describe: 'Retries per call on 429, 5xx, timeouts and network errors', coerce: positiveInt('--retries', 0) })
      .option('chunk-size', { type: 'number', default: DEFAULTS.chunkSize, describe: 'Compartments per pool task', coerce: positiveInt('--chunk-size') })
      .option('signer', { choices: ['fast', 'stock'] as const, default: DEFAULTS.signer as SignerKind, describe: 'Request signer: fast (key parsed once) or the SDK\'s stock one' })
      .option('simulate', {
        type: 'string',
        describe: 'Collect from a built-in simulated tenancy of N compartments (default 2000, plus the root); needs no OCI account',
        // A bare --simulate arrives as '' (a number-typed flag would drop it as NaN).
        coerce: (v: unknown) => (v === undefined ? undefined : v === '' || v === true ? 2000 : positiveInt('--simulate')(v)),
      })
      .option('resources', { type: 'boolean', default: DEFAULTS.resources, describe: 'Collect every resource\'s tags through Resource Search; --no-resources skips it' })
      .option('cost', { type: 'boolean', default: DEFAULTS.cost, describe: 'Cost by tag from the Usage API; --no-cost skips it' })
      .option('cost-months', { type: 'number', default: DEFAULTS.costMonths, describe: 'Full calendar months of cost before the current one (the current month to date is added)', coerce: positiveInt('--cost-months') })
      .option('regions', {
        type: 'string',
        describe: 'Regions Resource Search covers: all (every READY subscription, default), home, or r1,r2',
        // Checked with the other settings (resolveSettings); here only the text becomes a list.
        coerce: (v: unknown) => {
          const s = String(v ?? '').trim();
          return s === 'all' || s === 'home' ? s : s.split(',').map((r) => r.trim()).filter(Boolean);
        },
      })
      .option('evolve', { type: 'number', describe: 'With --simulate: apply K changes of every kind diff reports to the simulated tenancy (a later state of it)', coerce: positiveInt('--evolve', 0) })
      .option('history', { type: 'string', describe: 'Write the run to DIR/<UTC timestamp>/ and point DIR/latest at it: the layout `report DIR` reads' })
      .option('csv-escape-formulas', { type: 'boolean', default: false, describe: 'Prefix CSV cells starting with = + - @ with \' so spreadsheets show them as text' })
      .option('tag-defaults-by', {
        choices: TAG_DEFAULTS_BY,
        default: DEFAULTS.tagDefaultsBy,
        describe: 'List tag defaults per compartment (documented), per tag definition (undocumented, far fewer calls), or auto: by definition, checked against --verify-sample compartments, falling back on any difference',
      })
      .option('verify-sample', {
        type: 'string',
        default: String(DEFAULTS.verifySample),
        describe: 'With --tag-defaults-by auto: compartments listed both ways to check the by-definition answer, or all (lists everything both ways and reports the difference)',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress output' })
      .option('progress', { choices: ['auto', 'lines', 'off'] as const, default: 'auto' as const, describe: 'Progress display: spinner on a terminal, lines otherwise' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable run summary on stdout' })
      .check((a) => {
        if (a.simulate !== undefined && (a.endpoint || a.tenancy)) throw new UsageError('--simulate runs its own tenancy: drop --endpoint/--tenancy');
        if (a.simulate !== undefined && a.resume) throw new UsageError('--resume needs the same tenancy; a --simulate tenancy lives only for one run');
        if (a.evolve !== undefined && a.simulate === undefined) throw new UsageError('--evolve changes the built-in simulated tenancy: it needs --simulate');
        if (a.history !== undefined && a.outputDir !== undefined) throw new UsageError('--history picks the output directory itself: drop --output-dir');
        if (a.history !== undefined && a.resume) throw new UsageError('--history starts a new run directory; to continue one, pass it as --output-dir with --resume');
        return true;
      }) as unknown as Argv<CollectArgs>,
  handler: async (args) => {
    process.exitCode = await runCollect(args);
  },
};

function humanResult(r: RunReport): string {
  const c = r.counts;
  const head = r.complete ? 'Collection complete' : r.interrupted ? 'Collection INTERRUPTED (partial)' : 'Collection PARTIAL';
  return [
    `${head}: ${c['compartments']} compartments, ${c['tag_namespaces']} tag namespaces, ${c['tag_definitions']} tag definitions, ${c['tag_defaults']} tag defaults` +
      (c['resources'] ? `, ${c['resources']} resources` : '') +
      (c['failures'] ? `, ${c['failures']} failures (see failures.csv)` : ''),
    `Analysis: ${c['effective_tag_defaults'] ?? 0} effective tag defaults, ${c['findings'] ?? 0} findings (see findings.csv)`,
    `${r.requests.total} requests (${r.requests.throttled} throttled, ${r.requests.retried} retried) in ${(r.timings.total / 1000).toFixed(1)}s`,
    `Output: ${r.outputDir} (summary: growth_collection_summary.txt)`,
    '',
  ].join('\n');
}

async function runCollect(args: CollectArgs): Promise<number> {
  // Only now: yargs prints --help and --version through console.log.
  quietConsole();
  const settings = resolveSettings(args);
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
  let historyRun: string | undefined;
  try {
    historyRun = args.history !== undefined ? await newHistoryRun(args.history) : undefined;
    const base = {
      ...settings,
      ...(historyRun ? { outputDir: historyRun } : {}),
      signal: interrupt.signal,
      onProgress: (p: Parameters<ProgressView['update']>[0]) => view.update(p),
      onWarning: (m: string) => view.warn(m),
    };
    const report =
      args.simulate !== undefined
        ? await withSimulatedTenancy(args.simulate, args.evolve ?? 0, (sim) => collect({ ...base, ...sim, auth: { ...sim.auth, signer: settings.auth.signer } }), (m) => view.info(m))
        : await collect(base);
    if (args.history !== undefined) await pointLatest(args.history, base.outputDir);
    view.done(report.complete);
    if (args.json) process.stdout.write(JSON.stringify(runSummary(report)) + '\n');
    else if (!args.quiet) process.stdout.write(humanResult(report));
    if (report.interrupted) {
      if (!args.quiet) process.stderr.write(`interrupted: continue with the same command plus --resume\n`);
      return signalled === 'SIGTERM' ? 143 : 130;
    }
    return report.exitCode;
  } catch (e) {
    view.done(false);
    // A run that failed before writing anything leaves no empty directory in the history (rmdir keeps a non-empty one).
    if (historyRun) await rmdir(historyRun).catch(() => {});
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
