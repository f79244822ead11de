// The stock-SDK contender for the resources phase: what a straightforward user writes with
// oci-resourcesearch — list the compartments and the region subscriptions with one IdentityClient,
// then one SearchResources per (region, compartment) with one client per region, `--concurrency` calls
// in flight (1: the sequential baseline; 20: the reference tool's pool size). SDK retries and breaker
// off, a plain retry on 429, as in sdk-collector.ts.
import { writeFileSync } from 'node:fs';
import * as common from 'oci-common';
import * as identity from 'oci-identity';
import * as resourcesearch from 'oci-resourcesearch';
import { sortedJson } from '../../src/resources/columns.js';
import { forEachLimited, listAll, need, parseArgs, withRetry, type Counters } from './sdk-collector.js';

const args = parseArgs(process.argv.slice(2));
const concurrency = Number(args['concurrency'] ?? 1);
const endpoint = need(args, 'endpoint');
const provider = new common.ConfigFileAuthenticationDetailsProvider(need(args, 'config-file'), need(args, 'profile'));
const options = { retryConfiguration: common.NoRetryConfigurationDetails, circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) };
const tenancyId = provider.getTenantId();
const counters: Counters = { requests: 0, throttled: 0, retried: 0 };

const t0 = performance.now();
const id = new identity.IdentityClient({ authenticationDetailsProvider: provider }, options);
id.endpoint = endpoint.replace('{region}', provider.getRegion()?.regionId ?? '');
const compartments = (
  await listAll(counters, async (page) => {
    const r = await id.listCompartments({ compartmentId: tenancyId, compartmentIdInSubtree: true, accessLevel: identity.requests.ListCompartmentsRequest.AccessLevel.Any, limit: 1000, page });
    return { items: r.items, opcNextPage: r.opcNextPage };
  })
)
  .filter((c) => c.lifecycleState === 'ACTIVE')
  .map((c) => c.id);
compartments.unshift(tenancyId);
const regions = (await withRetry(counters, () => id.listRegionSubscriptions({ tenancyId }))).items.filter((r) => r.status === 'READY').map((r) => r.regionName!);

const clients = new Map(
  regions.map((region) => {
    const c = new resourcesearch.ResourceSearchClient({ authenticationDetailsProvider: provider }, options);
    c.endpoint = endpoint.replace('{region}', region);
    return [region, c];
  }),
);
const keys: string[] = [];
const scopes = regions.flatMap((region) => compartments.map((compartmentId) => ({ region, compartmentId })));
await forEachLimited(scopes, concurrency, async ({ region, compartmentId }) => {
  const client = clients.get(region)!;
  const searchDetails = { type: 'Structured', query: `query all resources where compartmentId = '${compartmentId}'`, matchingContextType: resourcesearch.models.SearchDetails.MatchingContextType.None };
  const items = await listAll(counters, async (page) => {
    const r = await client.searchResources({ searchDetails, limit: 1000, page });
    return { items: r.resourceSummaryCollection.items ?? [], opcNextPage: r.opcNextPage };
  });
  for (const x of items) keys.push([region, x.identifier, x.compartmentId, sortedJson(x.definedTags ?? {}), sortedJson(x.freeformTags ?? {})].join('|'));
});
const collectMs = performance.now() - t0;
writeFileSync(need(args, 'out'), keys.join('\n'));
process.stdout.write(JSON.stringify({ collectMs, requests: counters.requests, throttled: counters.throttled, resources: keys.length }) + '\n');
