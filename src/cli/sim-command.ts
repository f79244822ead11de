import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { startSimulator, type SimOptions, type Simulator } from '../sim/index.js';
import { materialFromPrivateKey, KEY_FILE_NAME, DEFAULT_PROFILE } from '../sim/keys.js';
import { resolveOptions, type ServiceLimits } from '../sim/options.js';
import { TAG_DEFAULTS_BY_DEFINITION, type TagDefaultsByDefinition } from '../sim/routes.js';

// `oci-growth sim`: the simulated tenancy as a long-running server, for pointing `collect` (or any
// OCI SDK) at it from another process. Output goes through process.stdout directly: the CLI
// silences console.* because the SDK chatters there.

interface SimArgs {
  port: number;
  host: string;
  seed: number;
  compartments: number;
  'deleted-compartments'?: number;
  namespaces: number;
  'tag-definitions': number;
  'tag-default-fraction'?: number;
  forbidden: number;
  evolve: number;
  'latency-ms': number;
  'jitter-ms': number;
  'latency-per-inflight-ms': number;
  'rate-limit'?: number;
  burst?: number;
  'max-concurrent'?: number;
  'page-cap': number;
  'fault-429'?: number;
  'fault-500'?: number;
  'fault-503'?: number;
  'fault-reset'?: number;
  'fault-hang'?: number;
  'fault-malformed'?: number;
  'fault-seed'?: number;
  'retry-after'?: number;
  'config-dir': string;
  profile: string;
  json: boolean;
  regions: number;
  'resources-per-compartment': number;
  'search-refuse'?: { region: string; status: 401 | 404 } | Invalid;
  'tag-defaults-by-definition': TagDefaultsByDefinition;
  [serviceFlag: `${'search' | 'usage'}-${string}`]: unknown;
}

/** Services with their own limits: each gets the same flags, prefixed, defaulting to the Identity ones. */
const SERVICES = ['search', 'usage'] as const;

/**
 * yargs 18 wraps an error thrown by `coerce` into a YError, losing our UsageError (and exit code 2),
 * so coercion only marks a bad value and the builder's `.check` reports it.
 */
interface Invalid {
  invalidFlag: string;
}
const isInvalid = (v: unknown): v is Invalid => typeof v === 'object' && v !== null && 'invalidFlag' in v;

const number =
  (flag: string, ok: (n: number) => boolean, want: string) =>
  (v: unknown): number | Invalid | undefined => {
    if (v === undefined) return undefined;
    const raw = Array.isArray(v) ? v[v.length - 1] : v;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    return ok(n) ? n : { invalidFlag: `--${flag} must be ${want} (got "${String(raw)}")` };
  };
const port = number('port', (n) => Number.isSafeInteger(n) && n >= 0 && n <= 65535, 'a port number 0–65535');
const count = (flag: string) => number(flag, (n) => Number.isSafeInteger(n) && n >= 0, 'a whole number ≥ 0');
const atLeastOne = (flag: string) => number(flag, (n) => Number.isSafeInteger(n) && n >= 1, 'a whole number ≥ 1');
const nonNegative = (flag: string) => number(flag, (n) => Number.isFinite(n) && n >= 0, 'a number ≥ 0');
const positive = (flag: string) => number(flag, (n) => Number.isFinite(n) && n > 0, 'a number > 0');
const probability = (flag: string) => number(flag, (n) => n >= 0 && n <= 1, 'a probability between 0 and 1');

const refusal = (v: unknown): SimArgs['search-refuse'] => {
  if (v === undefined) return undefined;
  const raw = String(Array.isArray(v) ? v[v.length - 1] : v);
  const m = /^([a-z]+(?:-[a-z]+)+-\d+):(401|404)$/.exec(raw);
  return m ? { region: m[1]!, status: Number(m[2]) as 401 | 404 } : { invalidFlag: `--search-refuse must be REGION:401 or REGION:404 (got "${raw}")` };
};

// A coerce, not yargs' `choices`: its refusal spans several lines.
const byDefinition = (v: unknown): TagDefaultsByDefinition | Invalid => {
  const raw = String(Array.isArray(v) ? v[v.length - 1] : v);
  return (TAG_DEFAULTS_BY_DEFINITION as readonly string[]).includes(raw)
    ? (raw as TagDefaultsByDefinition)
    : { invalidFlag: `--tag-defaults-by-definition must be one of ${TAG_DEFAULTS_BY_DEFINITION.join(', ')} (got "${raw}")` };
};

function serviceLimits(a: SimArgs, service: (typeof SERVICES)[number]): ServiceLimits | undefined {
  const get = (flag: string) => a[`${service}-${flag}`] as number | undefined;
  if (get('burst') !== undefined && get('rate-limit') === undefined) throw new UsageError(`--${service}-burst needs --${service}-rate-limit`);
  const faults = { throttle: get('fault-429'), error500: get('fault-500'), error503: get('fault-503') };
  const limits: ServiceLimits = {
    latencyMs: get('latency-ms'),
    jitterMs: get('jitter-ms'),
    rateLimit: get('rate-limit') === undefined ? undefined : { rps: get('rate-limit')!, burst: get('burst') },
    maxConcurrent: get('max-concurrent'),
    // Given one service fault flag, the others of that service start from none rather than Identity's.
    faults: Object.values(faults).some((p) => p !== undefined) ? faults : undefined,
  };
  return Object.values(limits).some((v) => v !== undefined) ? limits : undefined;
}

export function toSimOptions(a: SimArgs, privateKeyPem?: string): SimOptions {
  if (a.burst !== undefined && a['rate-limit'] === undefined) throw new UsageError('--burst needs --rate-limit');
  const refuse = a['search-refuse'];
  const options: SimOptions = {
    seed: a.seed,
    compartments: a.compartments,
    deletedCompartments: a['deleted-compartments'],
    namespaces: a.namespaces,
    tagDefinitions: a['tag-definitions'],
    tagDefaultFraction: a['tag-default-fraction'],
    forbidden: a.forbidden,
    evolve: a.evolve,
    host: a.host,
    port: a.port,
    latencyMs: a['latency-ms'],
    jitterMs: a['jitter-ms'],
    latencyPerInFlightMs: a['latency-per-inflight-ms'],
    rateLimit: a['rate-limit'] === undefined ? undefined : { rps: a['rate-limit'], burst: a.burst },
    maxConcurrent: a['max-concurrent'],
    pageCap: a['page-cap'],
    faults: {
      throttle: a['fault-429'],
      error500: a['fault-500'],
      error503: a['fault-503'],
      reset: a['fault-reset'],
      hang: a['fault-hang'],
      malformed: a['fault-malformed'],
    },
    faultSeed: a['fault-seed'],
    retryAfterSeconds: a['retry-after'],
    privateKeyPem,
    regions: a.regions,
    resourcesPerCompartment: a['resources-per-compartment'],
    searchRefusal: refuse && !isInvalid(refuse) ? refuse : undefined,
    tagDefaultsByDefinition: a['tag-defaults-by-definition'],
    search: serviceLimits(a, 'search'),
    usage: serviceLimits(a, 'usage'),
  };
  try {
    resolveOptions(options);
  } catch (e) {
    // The library's messages name option fields; they read as well for flags.
    throw new UsageError((e as Error).message);
  }
  return options;
}

function validated(raw: Record<string, unknown>): SimArgs {
  const invalid = Object.values(raw).find(isInvalid);
  if (invalid) throw new UsageError(invalid.invalidFlag);
  const a = raw as unknown as SimArgs;
  toSimOptions(a);
  return a;
}

/** Reuse the key written by an earlier run so a pasted config stays valid across restarts. */
async function existingKey(dir: string): Promise<string | undefined> {
  try {
    const pem = await readFile(join(dir, KEY_FILE_NAME), 'utf8');
    materialFromPrivateKey(pem);
    return pem;
  } catch {
    return undefined;
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

async function start(options: SimOptions): Promise<Simulator> {
  try {
    return await startSimulator(options);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${options.port} on ${options.host} is already in use: choose another --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on host ${options.host}`);
    throw e;
  }
}

function describe(sim: Simulator, configText: string, configFile: string, keyFile: string, profile: string): string {
  const t = sim.groundTruth;
  return [
    `OCI simulator listening on ${sim.url}`,
    `  tenancy      ${sim.tenancyId}`,
    `  region       ${sim.region}`,
    `  data         ${t.compartments.length} compartments + root (${t.deletedCompartmentIds.length} deleted), ` +
      `${t.tagNamespaces.length} tag namespaces, ${t.tagDefinitions.length} tag definitions, ${t.tagDefaults.length} tag defaults, ` +
      `${t.forbiddenCompartmentIds.length} forbidden${t.changes.length ? `, ${t.changes.length} changes applied (--evolve)` : ''}; generated in ${Math.round(sim.generatedInMs)} ms`,
    `  config file  ${configFile} (profile ${profile})`,
    `  key file     ${keyFile}`,
    `  regions      ${sim.regions.map((r) => r.regionName).join(', ')} (also at ${sim.url}/<region>/…)`,
    `  admin        GET ${sim.url}/_sim/stats · POST ${sim.url}/_sim/reset-stats · GET ${sim.url}/_sim/ground-truth`,
    '',
    'OCI config profile (also in the file above):',
    configText.trim(),
    '',
    'Collect from it:',
    `  oci-growth collect --config-file ${configFile} --profile ${profile} --endpoint ${sim.url}`,
    '',
    'Stop with Ctrl-C.',
    '',
  ].join('\n');
}

export const simCommand: CommandModule<{}, any> = {
  command: 'sim',
  describe: 'Run a simulated OCI tenancy (Identity, Resource Search, Usage API) to collect from, test or benchmark against',
  builder: (y: Argv) =>
    y
      // Checked here too: yargs runs a command's handler before the top level's strict check.
      .strict()
      .option('port', { default: 8080, coerce: port, describe: 'Port to listen on (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('seed', { default: 1, coerce: count('seed'), describe: 'Seed of the generated tenancy (same seed, same tenancy)' })
      .option('compartments', { default: 2000, coerce: count('compartments'), describe: 'ACTIVE compartments besides the root' })
      .option('deleted-compartments', { coerce: count('deleted-compartments'), describe: 'DELETED compartments (default 1%, at least 3)' })
      .option('namespaces', { default: 9, coerce: count('namespaces'), describe: 'Tag namespaces (one retired, some in sub-compartments)' })
      .option('tag-definitions', { default: 33, coerce: count('tag-definitions'), describe: 'Tag definitions, spread over the namespaces' })
      .option('tag-default-fraction', { coerce: probability('tag-default-fraction'), describe: 'Fraction of compartments with tag defaults (default 0.3)' })
      .option('forbidden', { default: 0, coerce: count('forbidden'), describe: 'Compartments whose ListTagDefaults always answers 404' })
      .option('evolve', { default: 0, coerce: count('evolve'), describe: 'Apply K changes of every kind diff reports (compartments added, moved, …): the same tenancy, later' })
      .option('latency-ms', { default: 0, coerce: nonNegative('latency-ms'), describe: 'Fixed latency per request' })
      .option('jitter-ms', { default: 0, coerce: nonNegative('jitter-ms'), describe: 'Random extra latency, 0 to this' })
      .option('latency-per-inflight-ms', { default: 0, coerce: nonNegative('latency-per-inflight-ms'), describe: 'Extra latency per request already in flight (a server that slows under load)' })
      .option('rate-limit', { coerce: positive('rate-limit'), describe: 'Token-bucket rate limit in requests/s; 429 beyond' })
      .option('burst', { coerce: atLeastOne('burst'), describe: 'Token-bucket size (default: the rate)' })
      .option('max-concurrent', { coerce: atLeastOne('max-concurrent'), describe: 'Requests in flight above which the server answers 429' })
      .option('page-cap', { default: 1000, coerce: number('page-cap', (n) => Number.isSafeInteger(n) && n >= 1 && n <= 1000, 'a whole number 1–1000'), describe: 'Largest page the server returns (≤ 1000)' })
      .option('fault-429', { coerce: probability('fault-429'), describe: 'Probability of an injected 429' })
      .option('fault-500', { coerce: probability('fault-500'), describe: 'Probability of a 500' })
      .option('fault-503', { coerce: probability('fault-503'), describe: 'Probability of a 503' })
      .option('fault-reset', { coerce: probability('fault-reset'), describe: 'Probability of a connection reset' })
      .option('fault-hang', { coerce: probability('fault-hang'), describe: 'Probability of a response that never arrives' })
      .option('fault-malformed', { coerce: probability('fault-malformed'), describe: 'Probability of a truncated JSON body' })
      .option('fault-seed', { coerce: count('fault-seed'), describe: 'Seed of the fault and jitter draws (default: --seed)' })
      .option('retry-after', { coerce: nonNegative('retry-after'), describe: 'Send Retry-After (seconds) with every 429' })
      .option('regions', { default: 3, coerce: atLeastOne('regions'), describe: 'Subscribed regions, the home region first (us-ashburn-1, us-phoenix-1, eu-frankfurt-1, …)' })
      .option('resources-per-compartment', { default: 3, coerce: count('resources-per-compartment'), describe: 'Mean resources per region and compartment that Resource Search returns' })
      .option('search-refuse', { coerce: refusal, describe: 'REGION:401 or REGION:404 — every Resource Search call in that region fails so' })
      .option('tag-defaults-by-definition', {
        default: 'tenancy-wide',
        coerce: byDefinition,
        describe: `ListTagDefaults(tagDefinitionId) without compartmentId: every readable compartment's defaults, the root's only, or 400 (${TAG_DEFAULTS_BY_DEFINITION.join(' | ')})`,
      })
      .options(serviceOptions())
      .option('config-dir', { type: 'string', default: './sim-oci', describe: 'Folder for the generated key and OCI config file' })
      .option('profile', { type: 'string', default: DEFAULT_PROFILE, describe: 'Profile name in the written config' })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON line {url, tenancyId, configFile, profile, ...} instead of the text' })
      .check((a) => {
        validated(a);
        return true;
      }),
  handler: async (raw) => {
    // Validated again: a `.fail` handler that returns (exitProcess(false)) lets yargs run the handler anyway.
    const a = validated(raw);
    const sim = await start(toSimOptions(a, await existingKey(a['config-dir'])));
    try {
      const { configFile, keyFile, profile } = await sim.writeConfig(a['config-dir'], { profile: a.profile });
      // Listening before anything is printed: a script that signals as soon as it reads the
      // endpoint must reach our handler, not Node's default (which would exit without closing).
      const signalled = untilSignal();
      if (a.json) {
        const line = { url: sim.url, tenancyId: sim.tenancyId, region: sim.region, configFile, keyFile, profile, pid: process.pid };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      } else {
        process.stdout.write(describe(sim, await readFile(configFile, 'utf8').then(onlyProfile(profile)), configFile, keyFile, profile));
      }
      const signal = await signalled;
      if (!a.json) process.stderr.write(`oci-growth sim: ${signal}, shutting down\n`);
    } finally {
      await sim.close();
    }
  },
};

/** --search-* and --usage-*: each service's own admission, latency and faults. */
function serviceOptions(): Record<string, { coerce: (v: unknown) => unknown; describe: string; group: string }> {
  const out: Record<string, { coerce: (v: unknown) => unknown; describe: string; group: string }> = {};
  for (const service of SERVICES) {
    const name = service === 'search' ? 'Resource Search (per region)' : 'Usage API';
    const group = `${name} limits (default: the Identity ones):`;
    const add = (flag: string, coerce: (f: string) => (v: unknown) => unknown, describe: string) =>
      (out[`${service}-${flag}`] = { coerce: coerce(`${service}-${flag}`), describe, group });
    add('latency-ms', nonNegative, `Fixed latency per ${service} request`);
    add('jitter-ms', nonNegative, 'Random extra latency, 0 to this');
    add('rate-limit', positive, 'Token-bucket rate limit in requests/s; 429 beyond');
    add('burst', atLeastOne, 'Token-bucket size (default: the rate)');
    add('max-concurrent', atLeastOne, 'Requests in flight above which it answers 429');
    add('fault-429', probability, 'Probability of an injected 429');
    add('fault-500', probability, 'Probability of a 500');
    add('fault-503', probability, 'Probability of a 503');
  }
  return out;
}

/** The one section a user would paste into ~/.oci/config. */
const onlyProfile = (profile: string) => (text: string) => {
  const start = text.indexOf(`[${profile}]`);
  return start < 0 ? text : text.slice(start);
};
