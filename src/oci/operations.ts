import * as identity from 'oci-identity';
// Types only: a thread loads the Search and Usage SDKs when it first calls them (see client.ts).
import type * as resourcesearch from 'oci-resourcesearch';
import type * as usageapi from 'oci-usageapi';
import { slim, type ResourceKind, type Row } from '../resources/columns.js';
import { compartments, resources, tagDefaults, tagDefinitions, tagNamespaces } from '../resources/index.js';
import { call, eachItem, listAll, type Caller } from './call.js';
import { withCallContext as at } from './call-context.js';

// The calls the collection makes, one function each. Items come back as the JSON the server
// sent (the SDK does not revive dates), slimmed page by page to the fields their kind declares, so
// rows are small plain data that can cross thread boundaries.

/** OCI's largest page for these list calls: fewer round trips on big tenancies. */
const PAGE_LIMIT = 1000;

type Listed = { items: Row[]; attempts: number };
const asRows = (r: Listed) => ({ rows: r.items, attempts: r.attempts });
const slimmer = (kind: ResourceKind) => (item: object) => slim(kind, item as Row);

export async function getTenancy(client: identity.IdentityClient, caller: Caller, tenancyId: string) {
  const { value, attempts } = await call(caller, (ctx) => at(client, ctx).getTenancy({ tenancyId }));
  return { row: slim(compartments, value.tenancy as unknown as Row), attempts };
}

export async function listCompartments(client: identity.IdentityClient, caller: Caller, tenancyId: string) {
  return asRows(
    await listAll(caller, (page, ctx) =>
      at(client, ctx).listCompartments({
        compartmentId: tenancyId,
        compartmentIdInSubtree: true,
        accessLevel: identity.requests.ListCompartmentsRequest.AccessLevel.Any,
        limit: PAGE_LIMIT,
        page,
      }),
      // isAccessible is no column, but tells which compartments a tenancy-wide answer may leave out.
      (item) => ({ ...slim(compartments, item as Row), isAccessible: (item as Row)['isAccessible'] }),
    ),
  );
}

export async function listTagNamespaces(client: identity.IdentityClient, caller: Caller, tenancyId: string) {
  return asRows(
    await listAll(caller, (page, ctx) => at(client, ctx).listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true, limit: PAGE_LIMIT, page }), slimmer(tagNamespaces)),
  );
}

export async function listTags(client: identity.IdentityClient, caller: Caller, tagNamespaceId: string) {
  return asRows(await listAll(caller, (page, ctx) => at(client, ctx).listTags({ tagNamespaceId, limit: PAGE_LIMIT, page }), slimmer(tagDefinitions)));
}

/** One compartment's own tag defaults (the documented way), or one definition's wherever the API shows them (undocumented). */
export async function listTagDefaults(client: identity.IdentityClient, caller: Caller, filter: { compartmentId: string } | { tagDefinitionId: string }) {
  return asRows(await listAll(caller, (page, ctx) => at(client, ctx).listTagDefaults({ ...filter, limit: PAGE_LIMIT, page }), slimmer(tagDefaults)));
}

/** The regions the tenancy is subscribed to: one unpaged call. */
export async function listRegionSubscriptions(client: identity.IdentityClient, caller: Caller, tenancyId: string) {
  const { value, attempts } = await call(caller, (ctx) => at(client, ctx).listRegionSubscriptions({ tenancyId }));
  return { rows: value.items.map((r) => ({ regionName: r.regionName, regionKey: r.regionKey, status: r.status, isHomeRegion: r.isHomeRegion }) as Row), attempts };
}

/**
 * Every resource of one compartment that Search shows the caller, in one region. Only the structured
 * query form: it matches the compartment exactly (no sub-compartments), so each resource has one scope.
 */
export async function searchResources(client: resourcesearch.ResourceSearchClient, caller: Caller, compartmentId: string) {
  const searchDetails: resourcesearch.models.StructuredSearchDetails = {
    type: 'Structured',
    query: `query all resources where compartmentId = '${compartmentId.replace(/'/g, '')}'`,
    matchingContextType: 'NONE' as resourcesearch.models.SearchDetails.MatchingContextType.None,
  };
  return asRows(
    await listAll(
      caller,
      async (page, ctx) => {
        const r = await at(client, ctx).searchResources({ searchDetails, limit: PAGE_LIMIT, page });
        return { items: r.resourceSummaryCollection.items ?? [], opcNextPage: r.opcNextPage };
      },
      (item) => {
        const { identifier, ...rest } = item as unknown as Row;
        return slim(resources, { ...rest, id: identifier });
      },
    ),
  );
}

/** Usage API figures are small per page and slow per call: the largest page it takes. */
const USAGE_PAGE_LIMIT = 1000;

/**
 * The value an item carries for the asked tag; '' when untagged, which the API says in any of three
 * ways: no tag at all (`tags: []`), a null value, or an empty one.
 */
function tagValueOf(tags: usageapi.models.Tag[] | undefined, key: string): string {
  const t = tags?.find((x) => x.key === key) ?? tags?.[0];
  return t?.value ?? '';
}

/**
 * Cost of one [start, end) window, MONTHLY: the ungrouped total, or grouped by one tag's values (the
 * API takes one groupByTag). Every page; each item goes to `add` as its page arrives (its amount,
 * currency and the asked tag's value) and is not kept: a key can have a value per resource, hundreds
 * of pages. Resolves with the attempts once the last page is in.
 */
export async function requestCost(
  client: usageapi.UsageapiClient,
  caller: Caller,
  q: { tenantId: string; start: string; end: string; tag?: { namespace: string; key: string } },
  add: (value: string, currency: string, amount: number) => void,
): Promise<number> {
  const details: usageapi.models.RequestSummarizedUsagesDetails = {
    tenantId: q.tenantId,
    timeUsageStarted: new Date(q.start),
    timeUsageEnded: new Date(q.end),
    granularity: 'MONTHLY' as usageapi.models.RequestSummarizedUsagesDetails.Granularity.Monthly,
    queryType: 'COST' as usageapi.models.RequestSummarizedUsagesDetails.QueryType.Cost,
    isAggregateByTime: false,
    ...(q.tag ? { groupBy: ['tagNamespace', 'tagKey', 'tagValue'], groupByTag: [q.tag] } : {}),
  };
  const key = q.tag?.key;
  return eachItem(
    caller,
    async (page, ctx) => {
      const r = await at(client, ctx).requestSummarizedUsages({ requestSummarizedUsagesDetails: details, limit: USAGE_PAGE_LIMIT, page });
      return { items: r.usageAggregation.items ?? [], opcNextPage: r.opcNextPage };
    },
    (u) => add(key === undefined ? '' : tagValueOf(u.tags, key), u.currency ?? '', u.computedAmount ?? 0),
  );
}
