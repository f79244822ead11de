import { availableParallelism } from 'node:os';
import { BlockList, isIP } from 'node:net';
import { UsageError } from '../errors.js';
import { AUTH_KINDS, type AuthKind, type SignerKind } from '../oci/auth.js';
import { DEFAULT_CONFIG_FILE } from '../oci/config.js';
import { DEFAULT_RETRY } from '../oci/retry.js';
import { REGION_ID, TAG_DEFAULTS_BY, type CollectOptions, type TagDefaultsBy } from './options.js';

/**
 * What a user sets for a collection: the CLI's `collect` options, camel-cased. The CLI and the library
 * both turn these into the coordinator's options through `resolveSettings`, the one place defaults live.
 */
export interface CollectSettings {
  /** OCI config file (default: env OCI_CLI_CONFIG_FILE, else ~/.oci/config). */
  configFile?: string;
  /** Profile in the config file (default: env OCI_CLI_PROFILE, else DEFAULT). */
  profile?: string;
  /** Authentication method (default: env OCI_CLI_AUTH, else api_key). */
  auth?: AuthKind;
  /** Request signer: fast (key parsed once per thread) or the SDK's stock one. */
  signer?: SignerKind;
  /** Home region (default: the profile's). */
  region?: string;
  /** Tenancy OCID (default: the profile's). */
  tenancy?: string;
  /** Identity endpoint URL override (simulator, proxy). */
  endpoint?: string;
  /** Allow a plain-http endpoint that is not loopback: signed requests would travel unencrypted. */
  insecureEndpoint?: boolean;
  /** Where the CSV/JSON/summary files go (default ./output). */
  outputDir?: string;
  force?: boolean;
  resume?: boolean;
  threads?: number;
  /** Requests in flight per thread at most. */
  concurrency?: number;
  /** Requests in flight at most to each API endpoint, in total over all threads (the reference tool's knob). */
  maxWorkersCompartments?: number;
  /** Namespaces listed at once. */
  maxWorkersTags?: number;
  /** Seconds per call before it is abandoned and retried. */
  timeout?: number;
  /** Retries per call on 429, 5xx, timeouts and network errors. */
  retries?: number;
  /** Compartments per pool task. */
  chunkSize?: number;
  adaptive?: boolean;
  /** Ceiling on requests per second, across all threads. */
  maxRps?: number;
  /** Collect every resource's tags through Resource Search (default true). */
  resources?: boolean;
  /** Regions Resource Search covers: every READY subscription ('all', default), 'home', or these. */
  regions?: 'all' | 'home' | string[];
  /** Cost by tag from the Usage API (default true). */
  cost?: boolean;
  /** Full calendar months of cost before the current one (default 3); the current month to date is added. */
  costMonths?: number;
  /** Prefix CSV cells starting with =, +, -, @ with a quote so spreadsheets do not run them (default false: raw). */
  csvEscapeFormulas?: boolean;
  /** Tag defaults per compartment (default, documented), per tag definition (undocumented), or auto: by definition, checked. */
  tagDefaultsBy?: TagDefaultsBy;
  /** With auto: compartments listed both ways as a check (default 100), or all of them. */
  verifySample?: number | string;
}

export const DEFAULTS = {
  threads: Math.max(1, Math.min(4, availableParallelism())),
  // A bound on sockets and memory, not a setting to tune: the adaptive limiter finds the right number
  // in flight below threads × this (from the server's 429s), and --no-adaptive holds it.
  concurrency: 256,
  chunkSize: 50,
  timeoutSeconds: 30,
  retry: DEFAULT_RETRY,
  adaptive: true,
  resources: true,
  cost: true,
  costMonths: 3,
  outputDir: './output',
  signer: 'fast' as SignerKind,
  tagDefaultsBy: 'compartment' as TagDefaultsBy,
  verifySample: 100,
} as const;

/** Read at call time, like the OCI CLI's own variables, so a wrapper or test can set them per run. */
export function authDefaults(env: NodeJS.ProcessEnv = process.env): { configFile: string; profile: string; auth: AuthKind } {
  return {
    configFile: env['OCI_CLI_CONFIG_FILE'] || DEFAULT_CONFIG_FILE,
    profile: env['OCI_CLI_PROFILE'] || 'DEFAULT',
    auth: (env['OCI_CLI_AUTH'] || 'api_key') as AuthKind,
  };
}

/** Every setting, at run time: what a message naming a flag is translated with for library callers. */
const SETTING_NAMES = [
  'configFile', 'profile', 'auth', 'signer', 'region', 'tenancy', 'endpoint', 'insecureEndpoint', 'outputDir', 'force', 'resume',
  'threads', 'concurrency', 'maxWorkersCompartments', 'maxWorkersTags', 'timeout', 'retries', 'chunkSize', 'adaptive', 'maxRps',
  'resources', 'regions', 'cost', 'costMonths', 'csvEscapeFormulas', 'tagDefaultsBy', 'verifySample',
] as const satisfies readonly (keyof CollectSettings)[];
// A setting added to the interface but not to the list fails to compile here.
const everySetting: Exclude<keyof CollectSettings, (typeof SETTING_NAMES)[number]> extends never ? true : never = true;
void everySetting;

export const flagName = (name: keyof CollectSettings): string => '--' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const byFlag = new Map<string, string>(SETTING_NAMES.map((n) => [flagName(n), n]));

/**
 * Messages name settings the way the CLI user knows them, as flags, wherever they are thrown (checks
 * here, the profile, the journal, the output directory); a library caller knows them by option name.
 */
export function inSettingNames(message: string): string {
  return message.replace(/(?<![\w-])--[a-z]+(?:-[a-z]+)*/g, (flag) => byFlag.get(flag) ?? flag);
}

export function checkInteger(flag: string, v: unknown, min = 1): number {
  const n = Number(v);
  if (v === '' || v === null || typeof v === 'boolean' || !Number.isInteger(n) || n < min)
    throw new UsageError(min === 1 ? `${flag} must be a positive integer (got ${JSON.stringify(v)})` : `${flag} must be an integer ≥ ${min} (got ${JSON.stringify(v)})`);
  return n;
}

export function checkPositive(flag: string, v: unknown): number {
  const n = Number(v);
  if (v === '' || v === null || typeof v === 'boolean' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number (got ${JSON.stringify(v)})`);
  return n;
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  return family !== 0 && loopback.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function checkEndpoint(endpoint: string, insecure: boolean): void {
  let url: URL;
  try {
    // `{region}` may stand in the host too (identity.{region}.example.com); any region name parses alike.
    url = new URL(endpoint.replaceAll('{region}', 'region'));
  } catch {
    throw new UsageError(`--endpoint "${endpoint}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be an http(s) URL (got ${url.protocol})`);
  // Every request carries its signature, and with security_token auth the session token itself.
  if (url.protocol === 'http:' && !insecure && !isLoopback(url.hostname))
    throw new UsageError(
      `--endpoint ${url.origin} is plain http to a host that is not loopback: signed requests (and session tokens) would travel in clear text; use https, or --insecure-endpoint to send them anyway`,
    );
}

/**
 * Applies the defaults and checks every value (messages name flags: see inSettingNames).
 * `maxWorkersCompartments` is a total: it caps the requests in flight to each API endpoint over all
 * threads, with no more threads than it allows requests unless threads are set explicitly.
 */
export function resolveSettings(s: CollectSettings): Omit<CollectOptions, 'signal' | 'onProgress' | 'onWarning'> {
  const int = (name: keyof CollectSettings, min = 1) => (s[name] === undefined ? undefined : checkInteger(flagName(name), s[name], min));
  const pos = (name: keyof CollectSettings) => (s[name] === undefined ? undefined : checkPositive(flagName(name), s[name]));
  const auth = authDefaults();
  const kind = s.auth ?? auth.auth;
  if (!AUTH_KINDS.includes(kind)) throw new UsageError(`--auth must be one of ${AUTH_KINDS.join(', ')} (got ${JSON.stringify(kind)})`);
  const signer = s.signer ?? DEFAULTS.signer;
  if (signer !== 'fast' && signer !== 'stock') throw new UsageError(`--signer must be fast or stock (got ${JSON.stringify(signer)})`);
  if (s.endpoint !== undefined) checkEndpoint(s.endpoint, Boolean(s.insecureEndpoint));
  const regions = s.regions;
  if (regions !== undefined && regions !== 'all' && regions !== 'home' && (!Array.isArray(regions) || !regions.length || !regions.every((r) => REGION_ID.test(r))))
    throw new UsageError(`--regions takes all, home or a comma-separated list of region names (got "${Array.isArray(regions) ? regions.find((r) => !REGION_ID.test(r)) ?? '' : String(regions)}")`);
  const tagDefaultsBy = s.tagDefaultsBy ?? DEFAULTS.tagDefaultsBy;
  if (!TAG_DEFAULTS_BY.includes(tagDefaultsBy)) throw new UsageError(`--tag-defaults-by must be one of ${TAG_DEFAULTS_BY.join(', ')} (got ${JSON.stringify(tagDefaultsBy)})`);
  const sample = s.verifySample ?? DEFAULTS.verifySample;
  const verifySample = sample === 'all' ? 'all' : Number(sample);
  if (verifySample !== 'all' && (sample === '' || typeof sample === 'boolean' || !Number.isInteger(verifySample) || verifySample < 1))
    throw new UsageError(`--verify-sample takes a whole number ≥ 1 or all (got ${JSON.stringify(sample)})`);
  if (s.resume && s.force) throw new UsageError(`--resume continues the earlier run, --force discards it: pick one`);

  const total = int('maxWorkersCompartments');
  const explicitThreads = int('threads');
  const threads = explicitThreads ?? (total !== undefined ? Math.min(DEFAULTS.threads, total) : DEFAULTS.threads);
  const concurrency = int('concurrency') ?? (total !== undefined ? Math.ceil(total / threads) : DEFAULTS.concurrency);
  const retries = int('retries', 0);
  return {
    auth: { kind, configFile: s.configFile ?? auth.configFile, profile: s.profile ?? auth.profile, signer },
    tenancyId: s.tenancy,
    region: s.region,
    endpoint: s.endpoint,
    outputDir: s.outputDir ?? DEFAULTS.outputDir,
    force: Boolean(s.force),
    resume: Boolean(s.resume),
    threads,
    concurrency,
    maxInFlight: total !== undefined ? Math.min(total, threads * concurrency) : undefined,
    chunkSize: int('chunkSize') ?? DEFAULTS.chunkSize,
    maxWorkersTags: int('maxWorkersTags'),
    timeoutMs: (pos('timeout') ?? DEFAULTS.timeoutSeconds) * 1000,
    retry: { ...DEFAULTS.retry, maxAttempts: (retries ?? DEFAULTS.retry.maxAttempts - 1) + 1 },
    adaptive: s.adaptive ?? DEFAULTS.adaptive,
    maxRps: pos('maxRps'),
    resources: s.resources ?? DEFAULTS.resources,
    regions,
    cost: s.cost ?? DEFAULTS.cost,
    costMonths: int('costMonths') ?? DEFAULTS.costMonths,
    csvEscapeFormulas: Boolean(s.csvEscapeFormulas),
    tagDefaultsBy,
    verifySample,
  };
}
