import * as common from 'oci-common';
import * as identity from 'oci-identity';
import { resolveAuth, type AuthSpec } from './auth.js';
import { TimeoutHttpClient } from './http-client.js';

export interface ClientSpec {
  auth: AuthSpec;
  /** Identity endpoint override (simulator, proxy); otherwise derived from the region. */
  endpoint?: string;
  region?: string;
  timeoutMs: number;
}

export interface IdentityHandle {
  client: identity.IdentityClient;
  tenancyId?: string;
  region?: string;
  warnings: string[];
}

/**
 * The one place a client is made. SDK retries and the circuit breaker are off: the SDK's retry can stall
 * one throttled call for ~95 s, and its breaker, after a run of 429s, fails every call of the client at
 * once with `{code:'EOPENBREAKER'}`. Retries, timeouts and pacing are ours (src/oci/call.ts, src/limit).
 */
export async function createIdentityClient(spec: ClientSpec): Promise<IdentityHandle> {
  const auth = await resolveAuth(spec.auth);
  const client = new identity.IdentityClient(
    { httpClient: new TimeoutHttpClient(auth.signer, spec.timeoutMs) },
    {
      retryConfiguration: common.NoRetryConfigurationDetails,
      circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
    },
  );
  const region = spec.region ?? auth.region;
  if (spec.endpoint) client.endpoint = spec.endpoint.replace(/\/+$/, '');
  else if (region) client.regionId = region;
  return { client, tenancyId: auth.tenancyId, region, warnings: auth.warnings };
}
