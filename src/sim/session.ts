import { createHmac, randomBytes, type KeyObject } from 'node:crypto';
import type { SignatureVerifier } from './auth.js';
import { notAuthenticated } from './errors.js';

// Session tokens as `oci session authenticate` gets them: a JWT whose `exp` ends it, used as the keyId
// `ST$<token>` with the session's key pair, and refreshable (POST /v1/authentication/refresh with
// `{currentToken}`, signed) into a new one while it is still valid.

export const REFRESH_PATH = '/v1/authentication/refresh';

const b64 = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

export interface IssueOptions {
  /** Lifetime; OCI's are one hour. */
  ttlMs?: number;
  /** Whether the refresh endpoint renews it (false: only re-reading a renewed token file helps). */
  refreshable?: boolean;
}

export class SessionTokens {
  readonly #verifier: SignatureVerifier;
  readonly #key: KeyObject;
  readonly #secret = randomBytes(32);
  readonly #issued = new Map<string, Required<IssueOptions> & { expiresAtMs: number }>();
  readonly #now: () => number;

  constructor(verifier: SignatureVerifier, sessionPublicKey: KeyObject, now: () => number = Date.now) {
    this.#verifier = verifier;
    this.#key = sessionPublicKey;
    this.#now = now;
  }

  issue(opts: IssueOptions = {}): string {
    const o = { ttlMs: opts.ttlMs ?? 3_600_000, refreshable: opts.refreshable ?? true };
    const now = this.#now();
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'sim-session', iat: Math.floor(now / 1000), exp: Math.ceil((now + o.ttlMs) / 1000), jti: randomBytes(8).toString('hex') })}`;
    const token = `${head}.${b64(createHmac('sha256', this.#secret).update(head).digest())}`;
    this.#verifier.trust(`ST$${token}`, this.#key, now + o.ttlMs);
    this.#issued.set(token, { ...o, expiresAtMs: now + o.ttlMs });
    return token;
  }

  /** Answers a refresh whose signature has been checked: `{currentToken}` must be one issued here, still valid. */
  refresh(body: unknown): { token: string } {
    const token = (body as { currentToken?: unknown } | undefined)?.currentToken;
    const current = typeof token === 'string' ? this.#issued.get(token) : undefined;
    if (!current) throw notAuthenticated('Only a session token can be refreshed.');
    if (this.#now() >= current.expiresAtMs) throw notAuthenticated('The session token has expired.');
    if (!current.refreshable) throw notAuthenticated('This session token cannot be refreshed.');
    return { token: this.issue(current) };
  }
}
