import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { notAuthenticated, type ApiError } from './errors.js';

// Verifies OCI's draft-cavage HTTP signature the way the service does: the keyId names a trusted
// key, the signed header list covers the date, the request line and the host, the date is fresh,
// and the signature matches the signing string rebuilt from what actually arrived.

export const MAX_SKEW_MS = 5 * 60_000;
const REQUIRED = ['(request-target)', 'host'];
/** What OCI additionally requires signed on requests with a body, so the body cannot be swapped. */
const REQUIRED_WITH_BODY = ['content-type', 'content-length', 'x-content-sha256'];
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export interface SignedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as received, for POST/PUT/PATCH. */
  body?: Buffer;
}

function parseAuthorization(header: string): Map<string, string> | undefined {
  if (!header.startsWith('Signature ')) return undefined;
  const fields = new Map<string, string>();
  const re = /([a-zA-Z]+)="([^"]*)"/g;
  for (let m = re.exec(header); m; m = re.exec(header)) fields.set(m[1]!, m[2]!);
  return fields;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

export class SignatureVerifier {
  // Parsed once: re-parsing a PEM per request would cost more than the verification itself.
  readonly #keys = new Map<string, KeyObject>();
  /** Session tokens (keyId `ST$<token>`) stop working at their expiry, as OCI's do. */
  readonly #expiry = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  trust(keyId: string, publicKeyPem: string | KeyObject, expiresAtMs?: number): void {
    this.#keys.set(keyId, typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem);
    if (expiresAtMs !== undefined) this.#expiry.set(keyId, expiresAtMs);
  }

  /** undefined when the request is authentic; otherwise the 401 to answer. */
  check(req: SignedRequest): ApiError | undefined {
    const authorization = headerValue(req.headers, 'authorization');
    if (!authorization) return notAuthenticated('Missing Authorization header.');
    const fields = parseAuthorization(authorization);
    if (!fields) return notAuthenticated('Authorization header is not an HTTP signature.');
    const keyId = fields.get('keyId');
    const signature = fields.get('signature');
    const names = (fields.get('headers') ?? 'date').toLowerCase().split(/\s+/).filter(Boolean);
    if (!keyId || !signature) return notAuthenticated('Signature is missing keyId or signature.');
    if ((fields.get('algorithm') ?? 'rsa-sha256').toLowerCase() !== 'rsa-sha256') return notAuthenticated('Unsupported signature algorithm.');
    const key = this.#keys.get(keyId);
    if (!key) return notAuthenticated(`Unknown keyId ${keyId.startsWith('ST$') ? 'ST$…' : keyId}.`);
    const expiry = this.#expiry.get(keyId);
    if (expiry !== undefined && this.#now() >= expiry) return notAuthenticated('The session token has expired.');
    const dateName = names.includes('x-date') ? 'x-date' : names.includes('date') ? 'date' : undefined;
    if (!dateName || REQUIRED.some((n) => !names.includes(n))) {
      return notAuthenticated('Signature must cover (request-target), host and date or x-date.');
    }
    if (WITH_BODY.has(req.method.toUpperCase())) {
      if (REQUIRED_WITH_BODY.some((n) => !names.includes(n))) return notAuthenticated('Signature of a request with a body must cover content-type, content-length and x-content-sha256.');
      const body = req.body ?? Buffer.alloc(0);
      if (headerValue(req.headers, 'content-length') !== String(body.length)) return notAuthenticated('content-length does not match the body.');
      if (headerValue(req.headers, 'x-content-sha256') !== createHash('sha256').update(body).digest('base64')) return notAuthenticated('x-content-sha256 does not match the body.');
    }
    const date = Date.parse(headerValue(req.headers, dateName) ?? '');
    if (Number.isNaN(date)) return notAuthenticated(`Missing or unparseable ${dateName} header.`);
    if (Math.abs(this.#now() - date) > MAX_SKEW_MS) return notAuthenticated('Signature has expired (date skew over 5 minutes).');

    const lines: string[] = [];
    for (const name of names) {
      if (name === '(request-target)') {
        lines.push(`(request-target): ${req.method.toLowerCase()} ${req.url}`);
        continue;
      }
      const value = headerValue(req.headers, name);
      if (value === undefined) return notAuthenticated(`Signed header ${name} is missing from the request.`);
      lines.push(`${name}: ${value}`);
    }
    let ok = false;
    try {
      ok = verify('RSA-SHA256', Buffer.from(lines.join('\n')), key, Buffer.from(signature, 'base64'));
    } catch {
      ok = false;
    }
    return ok ? undefined : notAuthenticated('Signature verification failed.');
  }
}
