import { createHash, sign, type KeyObject } from 'node:crypto';
import type { HttpRequest, RequestSigner } from 'oci-common';

// The stock DefaultRequestSigner hands a PEM buffer to http-signature, which re-parses it on every call
// (≈2 ms of the ≈3 ms CPU a request costs). This signer produces the same draft-cavage signature, byte
// for byte in the headers OCI checks, from a KeyObject parsed once per thread.

const GET_HEADERS = ['x-date', '(request-target)', 'host'];
// Spelled as the SDK lists them in `headers="…"`; the signing string itself uses lowercase names.
const BODY_HEADERS = ['Content-Type', 'Content-Length', 'x-content-sha256'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export class KeyObjectSigner implements RequestSigner {
  /** A function for keyIds that change during a run (session tokens). */
  readonly #keyId: string | (() => Promise<string>);
  readonly #key: KeyObject;

  constructor(keyId: string | (() => Promise<string>), key: KeyObject) {
    this.#keyId = keyId;
    this.#key = key;
  }

  async signHttpRequest(request: HttpRequest, forceExcludeBody = false): Promise<void> {
    const headers = request.headers;
    const url = new URL(request.uri);
    if (!headers.has('host')) headers.set('host', url.host);
    if (!headers.has('x-date')) headers.set('x-date', new Date().toUTCString());
    let names = GET_HEADERS;
    const method = request.method.toUpperCase();
    if (!forceExcludeBody && BODY_METHODS.has(method)) {
      const body = typeof request.body === 'string' ? request.body : request.body ? JSON.stringify(request.body) : '';
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      headers.set('x-content-sha256', createHash('sha256').update(body).digest('base64'));
      if (!headers.has('content-length')) headers.set('content-length', String(Buffer.byteLength(body)));
      names = [...GET_HEADERS, ...BODY_HEADERS];
    }
    // Reading pathname+search off a WHATWG URL is what the SDK's url.parse().path yields for the
    // encoded URIs the SDK builds, so the server sees the same (request-target).
    const target = `${method.toLowerCase()} ${url.pathname}${url.search}`;
    const text = names.map((n) => (n === '(request-target)' ? `${n}: ${target}` : `${n.toLowerCase()}: ${headers.get(n)}`)).join('\n');
    const signature = sign('RSA-SHA256', Buffer.from(text), this.#key).toString('base64');
    const keyId = typeof this.#keyId === 'string' ? this.#keyId : await this.#keyId();
    headers.set(
      'authorization',
      `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`,
    );
  }
}
