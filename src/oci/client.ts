import * as common from 'oci-common';
import type * as identity from 'oci-identity';
import type * as resourcesearch from 'oci-resourcesearch';
import type * as usageapi from 'oci-usageapi';
import { resolveAuth, type AuthSpec, type ResolvedAuth } from './auth.js';
import { acceptsCallContext } from './call-context.js';
import { commonJs } from './cjs.js';
import { TimeoutHttpClient } from './http-client.js';

export interface ClientSpec {
  auth: AuthSpec;
  /** Endpoint override for every service (simulator, proxy); `{region}` in it is replaced per region. */
  endpoint?: string;
  /** The home region: Identity and Usage go there. */
  region?: string;
  timeoutMs: number;
}

/** The SDK client classes this tool uses, by service. */
export type ServiceClient = {
  identity: identity.IdentityClient;
  search: resourcesearch.ResourceSearchClient;
  usage: usageapi.UsageapiClient;
};

/** Where a service of a region is reached when an endpoint override is given. */
export function endpointFor(endpoint: string, region: string | undefined): string {
  const url = region ? endpoint.replaceAll('{region}', region) : endpoint.replaceAll('/{region}', '').replaceAll('{region}', '');
  return url.replace(/\/+$/, '');
}

type ClientClass<S extends keyof ServiceClient> = new (params: common.AuthParams, config: common.ClientConfiguration) => ServiceClient[S];

/**
 * A service's SDK package is loaded by its first client: each is tens of ms of CPU per thread, and a
 * run without resources or cost never needs Search's or Usage's.
 */
const CLIENT_CLASS: { [S in keyof ServiceClient]: () => Promise<ClientClass<S>> } = {
  identity: async () => (await commonJs(import('oci-identity'))).IdentityClient,
  search: async () => (await commonJs(import('oci-resourcesearch'))).ResourceSearchClient,
  usage: async () => (await commonJs(import('oci-usageapi'))).UsageapiClient,
};

/**
 * The one place a client is made. SDK retries and the circuit breaker are off: the SDK's retry can stall
 * one throttled call for ~95 s, and its breaker, after a run of 429s, fails every call of the client at
 * once with `{code:'EOPENBREAKER'}`. Retries, timeouts and pacing are ours (src/oci/call.ts, src/limit).
 */
export async function createClient<S extends keyof ServiceClient>(service: S, auth: ResolvedAuth, spec: ClientSpec, region?: string): Promise<ServiceClient[S]> {
  const Client = await (CLIENT_CLASS[service] as () => Promise<ClientClass<S>>)();
  const http = new TimeoutHttpClient(auth.signer, spec.timeoutMs);
  const client = new Client(
    { httpClient: http },
    {
      retryConfiguration: common.NoRetryConfigurationDetails,
      circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
    },
  );
  // Each attempt's context reaches `http` through the SDK's own field for it (withCallContext): an SDK
  // that stopped keeping it there must fail here, not send every call without timeout or Retry-After.
  if (!acceptsCallContext(client, http)) throw new Error(`the ${service} client of this oci-common does not send through the HttpClient it was given`);
  const where = region ?? spec.region ?? auth.region;
  if (spec.endpoint) client.endpoint = endpointFor(spec.endpoint, where);
  else if (where) client.regionId = where;
  return client;
}
