import { randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { HttpRequest } from 'oci-common';
import { request } from './node-http.js';
import { KeyObjectSigner } from './signer.js';

// A session token (`oci session authenticate`) lives an hour at most; a long run must not outlive it.
// Before each signature the token file is looked at every few seconds (`oci session refresh`, run by
// the user or a cron job, renews it in place), and once two thirds of its life are gone the token is
// refreshed here the way the SDK's SessionAuthDetailProvider does it, and written back so the other
// threads, and the next run, pick it up.

export const REFRESH_PATH = '/v1/authentication/refresh';
const CHECK_FILE_MS = 5_000;
const REFRESH_WHEN_LEFT = 1 / 3;
const RETRY_REFRESH_MS = 30_000;
const REFRESH_TIMEOUT_MS = 30_000;
const ASSUMED_LIFETIME_S = 3600;

/** `iat`/`exp` of a JWT, in seconds; undefined when the token is not one (then only the file tells). */
function claims(token: string): { iat?: number; exp?: number } | undefined {
  try {
    const c = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iat?: unknown; exp?: unknown };
    return typeof c.exp === 'number' ? { exp: c.exp, iat: typeof c.iat === 'number' ? c.iat : undefined } : undefined;
  } catch {
    return undefined;
  }
}

export class SessionToken {
  readonly #file: string;
  readonly #key: KeyObject;
  readonly #refreshUrl: string | undefined;
  #token = '';
  #refreshAtMs = Infinity;
  #expiresAtMs = Infinity;
  #mtimeMs = 0;
  #checkedAt = 0;
  #failedAt = -Infinity;
  #refreshing?: Promise<void>;

  /** Reads the token file now; a file that cannot be read throws (the caller words it for the user). */
  constructor(file: string, key: KeyObject, refreshUrl: string | undefined) {
    this.#file = file;
    this.#key = key;
    this.#refreshUrl = refreshUrl;
    this.#read(true);
  }

  /** The keyId to sign the next request with. */
  async keyId(): Promise<string> {
    const now = Date.now();
    if (now - this.#checkedAt >= CHECK_FILE_MS || now >= this.#refreshAtMs) this.#read(false);
    if (now >= this.#refreshAtMs && this.#refreshUrl && !this.#refreshing && now - this.#failedAt >= RETRY_REFRESH_MS)
      this.#refreshing = this.#refresh().finally(() => (this.#refreshing = undefined));
    // Only a request that would carry a dead token waits for the new one.
    if (this.#refreshing && now >= this.#expiresAtMs) await this.#refreshing;
    return `ST$${this.#token}`;
  }

  #read(first: boolean): void {
    this.#checkedAt = Date.now();
    try {
      const mtimeMs = statSync(this.#file).mtimeMs;
      if (!first && mtimeMs === this.#mtimeMs) return;
      const token = readFileSync(this.#file, 'utf8').trim();
      this.#mtimeMs = mtimeMs;
      if (token) this.#set(token);
    } catch (e) {
      if (first) throw e;
      // Being replaced right now, or gone: the token in hand is still the best there is.
    }
  }

  #set(token: string): void {
    this.#token = token;
    const c = claims(token);
    if (!c?.exp) return void ((this.#refreshAtMs = Infinity), (this.#expiresAtMs = Infinity));
    const lifetimeS = c.iat !== undefined && c.exp > c.iat ? c.exp - c.iat : ASSUMED_LIFETIME_S;
    this.#expiresAtMs = c.exp * 1000;
    this.#refreshAtMs = (c.exp - lifetimeS * REFRESH_WHEN_LEFT) * 1000;
  }

  async #refresh(): Promise<void> {
    const current = this.#token;
    try {
      const body = JSON.stringify({ currentToken: current });
      const headers = new Headers({ 'content-type': 'application/json' });
      await new KeyObjectSigner(`ST$${current}`, this.#key).signHttpRequest({ uri: this.#refreshUrl!, method: 'POST', headers, body } as HttpRequest);
      const res = await request(this.#refreshUrl!, { method: 'POST', headers, body, timeoutMs: REFRESH_TIMEOUT_MS });
      const token = res.ok ? ((await res.json()) as { token?: unknown }).token : undefined;
      if (typeof token !== 'string' || !token) throw new Error(`refresh answered ${res.status}`);
      if (this.#token !== current) return; // the file was renewed meanwhile
      this.#set(token);
      const temp = `${this.#file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temp, token, { mode: 0o600 });
      renameSync(temp, this.#file);
      this.#mtimeMs = statSync(this.#file).mtimeMs;
    } catch {
      // Try again later; until the token expires it still works, and the file may be renewed outside.
      this.#failedAt = Date.now();
    }
  }
}
