import { createHash, sign } from 'node:crypto';
import * as common from 'oci-common';
import * as identity from 'oci-identity';
import * as resourcesearch from 'oci-resourcesearch';
import * as usageapi from 'oci-usageapi';
import type { Simulator } from '../src/sim/index.js';

// Shared by the simulator's tests: the real SDK client (retries and circuit breaker off, so every
// server answer is seen as is) and a hand-signed fetch for the requests the SDK would never send.

interface ClientOptions {
  privateKeyPem?: string;
  fingerprint?: string;
  httpOptions?: Record<string, unknown>;
  /** Talk to `/<region>/…` instead of the home region's unprefixed paths. */
  region?: string;
}

function clientParts(sim: Simulator, o: ClientOptions) {
  const c = sim.credentials;
  const provider = new common.SimpleAuthenticationDetailsProvider(
    sim.tenancyId,
    c.userId,
    o.fingerprint ?? c.fingerprint,
    o.privateKeyPem ?? c.privateKeyPem,
    null,
    common.Region.US_ASHBURN_1,
  );
  const config = {
    retryConfiguration: common.NoRetryConfigurationDetails,
    circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
    ...(o.httpOptions ? { httpOptions: o.httpOptions } : {}),
  };
  return { details: { authenticationDetailsProvider: provider }, config, endpoint: o.region ? `${sim.url}/${o.region}` : sim.url };
}

export function identityClient(sim: Simulator, o: ClientOptions = {}) {
  const { details, config, endpoint } = clientParts(sim, o);
  const client = new identity.IdentityClient(details, config);
  client.endpoint = endpoint;
  return client;
}

export function searchClient(sim: Simulator, o: ClientOptions = {}) {
  const { details, config, endpoint } = clientParts(sim, o);
  const client = new resourcesearch.ResourceSearchClient(details, config);
  client.endpoint = endpoint;
  return client;
}

export function usageClient(sim: Simulator, o: ClientOptions = {}) {
  const { details, config, endpoint } = clientParts(sim, o);
  const client = new usageapi.UsageapiClient(details, config);
  client.endpoint = endpoint;
  return client;
}

/** The one query form the simulator's Search accepts (and the collector sends). */
export const compartmentQuery = (compartmentId: string) => ({
  type: 'Structured',
  query: `query all resources where compartmentId = '${compartmentId}'`,
  matchingContextType: 'NONE',
});

/** Drains one compartment's Search in one region through the SDK. */
export async function searchAll(client: resourcesearch.ResourceSearchClient, compartmentId: string, limit?: number) {
  return allPages((page) =>
    client
      .searchResources({ searchDetails: compartmentQuery(compartmentId) as resourcesearch.models.StructuredSearchDetails, limit, page })
      .then((r) => ({ items: r.resourceSummaryCollection.items ?? [], opcNextPage: r.opcNextPage })),
  );
}

export interface SignedPost {
  /** Path and query, e.g. `/20180409/resources?limit=5`. */
  path: string;
  body: string;
  /** Sign this body instead of the one sent (a tampered request). */
  signedBody?: string;
  headersList?: string;
}

/** A hand-signed POST, the way OCI's signer does it: body headers included in the signature. */
export function signedPost(sim: Simulator, o: SignedPost): Promise<Response> {
  const host = new URL(sim.url).host;
  const date = new Date().toUTCString();
  const signed = o.signedBody ?? o.body;
  const values: Record<string, string> = {
    'x-date': date,
    host,
    '(request-target)': `post ${o.path}`,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(signed)),
    'x-content-sha256': createHash('sha256').update(signed).digest('base64'),
  };
  const names = (o.headersList ?? 'x-date (request-target) host content-type content-length x-content-sha256').split(' ');
  const text = names.map((n) => `${n}: ${values[n]}`).join('\n');
  const signature = sign('RSA-SHA256', Buffer.from(text), sim.credentials.privateKeyPem).toString('base64');
  return fetch(`${sim.url}${o.path}`, {
    method: 'POST',
    body: o.body,
    headers: {
      'x-date': date,
      'content-type': 'application/json',
      'x-content-sha256': values['x-content-sha256']!,
      authorization: `Signature version="1",keyId="${sim.credentials.keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`,
    },
  });
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
