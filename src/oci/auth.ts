import { createPrivateKey, createPublicKey, createHash, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type * as common from 'oci-common';
import { UsageError } from '../errors.js';
import { commonJs } from './cjs.js';
import { configPath, loadProfile, requireKey, type LoadedProfile } from './config.js';
import { KeyObjectSigner } from './signer.js';
import { REFRESH_PATH, SessionToken } from './session-token.js';

export const AUTH_KINDS = ['api_key', 'security_token', 'instance_principal', 'resource_principal'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];
export type SignerKind = 'fast' | 'stock';

/**
 * What a worker thread needs to build its own signer: where the credentials live, never the key text,
 * so the spec can cross thread boundaries and appear in diagnostics without leaking anything.
 */
export interface AuthSpec {
  kind: AuthKind;
  configFile: string;
  profile: string;
  signer: SignerKind;
}

export interface ResolvedAuth {
  signer: common.RequestSigner;
  /** From the profile (api_key, security_token) or the principal's claims, when known. */
  tenancyId?: string;
  region?: string;
  /** Warnings for the user (e.g. a key file readable by others), printed once by the coordinator. */
  warnings: string[];
}

/** Fingerprint as OCI shows it: MD5 of the DER public key, colon-separated hex. */
export function fingerprintOf(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
}

function readKeyFile(loaded: LoadedProfile, warnings: string[]): KeyObject {
  const file = configPath(loaded, 'key_file');
  let pem: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UsageError(`key_file ${file} (profile [${loaded.name}]) is a directory`);
    // The OCI CLI warns the same way: a private key others can read is as good as shared.
    if ((st.mode & 0o077) !== 0) warnings.push(`key file ${file} is readable by other users; run: chmod 600 ${file}`);
    pem = readFileSync(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`key_file ${file} (profile [${loaded.name}] in ${loaded.file}) does not exist`);
    throw new UsageError(`cannot read key_file ${file} (profile [${loaded.name}]): ${code ?? 'unreadable'}`);
  }
  const passphrase = loaded.values['pass_phrase'];
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch (e) {
    // Never echo the key or passphrase; the OpenSSL reason is enough to tell the cases apart.
    const reason = String((e as { code?: string }).code ?? '') + ' ' + String((e as Error).message ?? '');
    if (/bad decrypt|passphrase|BAD_PASSWORD|interrupted or cancelled/i.test(reason))
      throw new UsageError(
        passphrase
          ? `key_file ${file} could not be decrypted: pass_phrase in profile [${loaded.name}] is wrong`
          : `key_file ${file} is encrypted: add pass_phrase to profile [${loaded.name}]`,
      );
    throw new UsageError(`key_file ${file} is not a PEM private key`);
  }
}

function apiKeyAuth(loaded: LoadedProfile): ResolvedAuth {
  const warnings: string[] = [];
  const tenancyId = requireKey(loaded, 'tenancy');
  const user = requireKey(loaded, 'user');
  const fingerprint = requireKey(loaded, 'fingerprint').toLowerCase();
  const key = readKeyFile(loaded, warnings);
  const actual = fingerprintOf(key);
  // OCI would answer 401 NotAuthenticated for every call; saying which setting is wrong saves a support case.
  if (actual !== fingerprint)
    throw new UsageError(
      `fingerprint ${fingerprint} in profile [${loaded.name}] does not match key_file's public key (${actual}); fix "fingerprint" or "key_file"`,
    );
  return { signer: new KeyObjectSigner(`${tenancyId}/${user}/${fingerprint}`, key), tenancyId, region: loaded.values['region'], warnings };
}

/**
 * The SDK's own auth code, loaded only by the auth kinds that use it: an API key (the common case) is
 * read and signed with by this module alone, so the coordinator never loads oci-common (~100 ms of CPU).
 */
const sdk = () => commonJs(import('oci-common'));

/** Where a session token is refreshed: the auth service of the region, or the --endpoint (simulator, proxy). */
async function refreshUrl(where: AuthTarget, region: string | undefined): Promise<string | undefined> {
  if (!region && !where.endpoint) return undefined;
  if (where.endpoint) return where.endpoint.replace(/\/+$/, '') + REFRESH_PATH;
  const common = await sdk();
  const domain = common.Region.fromRegionId(region!)?.realm?.secondLevelDomain ?? 'oraclecloud.com';
  return `https://auth.${region}.${domain}${REFRESH_PATH}`;
}

async function securityTokenAuth(loaded: LoadedProfile, where: AuthTarget): Promise<ResolvedAuth> {
  const warnings: string[] = [];
  const tokenFile = configPath(loaded, 'security_token_file');
  const key = readKeyFile(loaded, warnings);
  const region = where.region ?? loaded.values['region'];
  const refresh = await refreshUrl(where, region);
  let token: SessionToken;
  try {
    token = new SessionToken(tokenFile, key, refresh);
  } catch (e) {
    throw new UsageError(`cannot read security_token_file ${tokenFile}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}; run "oci session authenticate"`);
  }
  return { signer: new KeyObjectSigner(() => token.keyId(), key), tenancyId: loaded.values['tenancy'], region: loaded.values['region'], warnings };
}

/** The stock signer, kept selectable so the bench can measure what the fast one saves. */
async function stockSigner(loaded: LoadedProfile): Promise<common.RequestSigner> {
  const common = await sdk();
  const pem = readFileSync(configPath(loaded, 'key_file'), 'utf8');
  const provider = new common.SimpleAuthenticationDetailsProvider(
    requireKey(loaded, 'tenancy'),
    requireKey(loaded, 'user'),
    requireKey(loaded, 'fingerprint'),
    pem,
    loaded.values['pass_phrase'] ?? null,
  );
  return new common.DefaultRequestSigner(provider);
}

async function withDeadline<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UsageError(`${what}: no answer within ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the run's calls go: a session token is refreshed there. */
export interface AuthTarget {
  /** The home region's endpoint override, `{region}` already filled in. */
  endpoint?: string;
  region?: string;
}

/** Builds the signer for one thread. Called once per worker thread and once by the coordinator to validate. */
export async function resolveAuth(spec: AuthSpec, where: AuthTarget = {}): Promise<ResolvedAuth> {
  switch (spec.kind) {
    case 'api_key': {
      const loaded = loadProfile(spec.configFile, spec.profile);
      const auth = apiKeyAuth(loaded); // validates key, passphrase and fingerprint with clear messages
      return spec.signer === 'stock' ? { ...auth, signer: await stockSigner(loaded) } : auth;
    }
    case 'security_token':
      return securityTokenAuth(loadProfile(spec.configFile, spec.profile), where);
    case 'instance_principal': {
      const common = await sdk();
      const provider = await withDeadline(
        'instance principal: the instance metadata service (169.254.169.254) is unreachable — run on an OCI instance or use --auth api_key',
        10_000,
        new common.InstancePrincipalsAuthenticationDetailsProviderBuilder().build(),
      ).catch((e) => {
        throw e instanceof UsageError ? e : new UsageError(`instance principal authentication failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
      });
      return { signer: new common.DefaultRequestSigner(provider), region: provider.getRegion()?.regionId, warnings: [] };
    }
    case 'resource_principal': {
      if (!process.env['OCI_RESOURCE_PRINCIPAL_VERSION'])
        throw new UsageError('resource principal: OCI_RESOURCE_PRINCIPAL_VERSION is not set — run inside an OCI Function/job or use --auth api_key');
      const common = await sdk();
      try {
        const provider = common.ResourcePrincipalAuthenticationDetailsProvider.builder();
        return { signer: new common.DefaultRequestSigner(provider), region: provider.getRegion()?.regionId, warnings: [] };
      } catch (e) {
        throw new UsageError(`resource principal authentication failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
      }
    }
  }
}
