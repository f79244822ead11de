import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

// The API key a simulated user signs with, and the OCI config profile that points an SDK at it.

export interface KeyMaterial {
  privateKeyPem: string;
  publicKeyPem: string;
  fingerprint: string;
}

const generate = promisify(generateKeyPair);
// RSA-2048 generation takes 50–500 ms; a test file starting ten simulators should pay it once.
let shared: Promise<KeyMaterial> | undefined;

/** OCI's fingerprint: MD5 of the DER public key, colon-separated hex. */
export function fingerprintOf(publicKey: KeyObject): string {
  const hex = createHash('md5').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  return hex.match(/../g)!.join(':');
}

export function materialFromPrivateKey(privateKeyPem: string): KeyMaterial {
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem));
  return {
    privateKeyPem,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey),
  };
}

export function sharedKeyMaterial(): Promise<KeyMaterial> {
  shared ??= generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }).then(({ privateKey }) => materialFromPrivateKey(privateKey));
  return shared;
}

export interface ProfileFields {
  userId: string;
  tenancyId: string;
  region: string;
  fingerprint: string;
}

export interface WrittenConfig {
  configFile: string;
  keyFile: string;
  profile: string;
}

export const KEY_FILE_NAME = 'sim_api_key.pem';
export const DEFAULT_PROFILE = 'SIM';

/**
 * Writes `config` and the PEM key into `dir`. The profile is also written as [DEFAULT] because the
 * SDK complains on stdout about config files without one.
 */
export async function writeOciConfig(
  dir: string,
  key: KeyMaterial,
  fields: ProfileFields,
  opts: { profile?: string; passphrase?: string } = {},
): Promise<WrittenConfig> {
  const folder = resolve(dir);
  const profile = opts.profile ?? DEFAULT_PROFILE;
  const keyFile = join(folder, KEY_FILE_NAME);
  const configFile = join(folder, 'config');
  await mkdir(folder, { recursive: true });
  // sshpk, which the SDK uses to read keys, understands the traditional encrypted PKCS#1 form.
  const pem = opts.passphrase
    ? createPrivateKey(key.privateKeyPem).export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: opts.passphrase }).toString()
    : key.privateKeyPem;
  await writeFile(keyFile, pem, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  const body = [
    `user=${fields.userId}`,
    `fingerprint=${fields.fingerprint}`,
    `key_file=${keyFile}`,
    `tenancy=${fields.tenancyId}`,
    `region=${fields.region}`,
    ...(opts.passphrase ? [`pass_phrase=${opts.passphrase}`] : []),
  ].join('\n');
  const sections = profile === 'DEFAULT' ? [`[DEFAULT]\n${body}`] : [`[DEFAULT]\n${body}`, `[${profile}]\n${body}`];
  await writeFile(configFile, `${sections.join('\n\n')}\n`, { mode: 0o600 });
  await chmod(configFile, 0o600);
  return { configFile, keyFile, profile };
}
