import { sign } from 'node:crypto';
import * as common from 'oci-common';
import * as identity from 'oci-identity';
import type { Simulator } from '../src/sim/index.js';

// Shared by the simulator's tests: the real SDK client (retries and circuit breaker off, so every
// server answer is seen as is) and a hand-signed fetch for the requests the SDK would never send.

export function identityClient(sim: Simulator, o: { privateKeyPem?: string; fingerprint?: string; httpOptions?: Record<string, unknown> } = {}) {
  const c = sim.credentials;
  const provider = new common.SimpleAuthenticationDetailsProvider(
    sim.tenancyId,
    c.userId,
    o.fingerprint ?? c.fingerprint,
    o.privateKeyPem ?? c.privateKeyPem,
    null,
    common.Region.US_ASHBURN_1,
  );
  const client = new identity.IdentityClient(
    { authenticationDetailsProvider: provider },
    {
      retryConfiguration: common.NoRetryConfigurationDetails,
      circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
      ...(o.httpOptions ? { httpOptions: o.httpOptions } : {}),
    },
  );
  client.endpoint = sim.url;
  return client;
}

export interface SignedFetch {
  /** Path and query under the server, e.g. `/20160918/tagDefaults?compartmentId=…`. */
  path: string;
  keyId?: string;
  privateKeyPem?: string;
  date?: Date;
  /** Sign this path instead of the one requested (a replayed or tampered request). */
  signedPath?: string;
  headersList?: string;
}

export function signedHeaders(sim: Simulator, o: SignedFetch): Record<string, string> {
  const host = new URL(sim.url).host;
  const date = (o.date ?? new Date()).toUTCString();
  const names = (o.headersList ?? 'x-date (request-target) host').split(' ');
  const values: Record<string, string> = { 'x-date': date, host, '(request-target)': `get ${o.signedPath ?? o.path}` };
  const text = names.map((n) => `${n}: ${values[n]}`).join('\n');
  const signature = sign('RSA-SHA256', Buffer.from(text), o.privateKeyPem ?? sim.credentials.privateKeyPem).toString('base64');
  return {
    'x-date': date,
    authorization: `Signature version="1",keyId="${o.keyId ?? sim.credentials.keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`,
  };
}

export function signedFetch(sim: Simulator, o: SignedFetch): Promise<Response> {
  return fetch(`${sim.url}${o.path}`, { headers: signedHeaders(sim, o) });
}

export const ANY = identity.requests.ListCompartmentsRequest.AccessLevel.Any;

/** Drains a paged SDK listing by hand (page after page), recording each page's size. */
export async function allPages<T>(
  call: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string }>,
): Promise<{ items: T[]; pages: number[] }> {
  const items: T[] = [];
  const pages: number[] = [];
  let page: string | undefined;
  do {
    const r = await call(page);
    items.push(...r.items);
    pages.push(r.items.length);
    page = r.opcNextPage;
  } while (page);
  return { items, pages };
}

/** The SDK's error: OciError for HTTP answers, a plain object for network failures. */
export async function failure(p: Promise<unknown>): Promise<{ statusCode?: number; serviceCode?: string; message?: string; name?: string; opcRequestId?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { statusCode?: number };
  }
  throw new Error('expected the call to fail');
}
