import * as identity from 'oci-identity';
import { slim, type ResourceKind, type Row } from '../resources/columns.js';
import { compartments, tagDefaults, tagDefinitions, tagNamespaces } from '../resources/index.js';
import { call, listAll, type Caller } from './call.js';

// The Identity calls the collection makes, one function each. Items come back as the JSON the server
// sent (the SDK does not revive dates), slimmed page by page to the fields their kind declares, so
// rows are small plain data that can cross thread boundaries.

/** OCI's largest page for these list calls: fewer round trips on big tenancies. */
const PAGE_LIMIT = 1000;

type Listed = { items: Row[]; attempts: number };
const asRows = (r: Listed) => ({ rows: r.items, attempts: r.attempts });
const slimmer = (kind: ResourceKind) => (item: object) => slim(kind, item as Row);

export async function getTenancy(client: identity.IdentityClient, caller: Caller, tenancyId: string) {
  const { value, attempts } = await call(caller, () => client.getTenancy({ tenancyId }));
  return { row: slim(compartments, value.tenancy as unknown as Row), attempts };
}

export async function listCompartments(client: identity.IdentityClient, caller: Caller, tenancyId: string) {
  return asRows(
    await listAll(caller, (page) =>
      client.listCompartments({
        compartmentId: tenancyId,
        compartmentIdInSubtree: true,
        accessLevel: identity.requests.ListCompartmentsRequest.AccessLevel.Any,
        limit: PAGE_LIMIT,
        page,
      }),
      slimmer(compartments),
    ),
  );
}

export async function listTagNamespaces(client: identity.IdentityClient, caller: Caller, tenancyId: string) {
  return asRows(
    await listAll(caller, (page) => client.listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true, limit: PAGE_LIMIT, page }), slimmer(tagNamespaces)),
  );
}

export async function listTags(client: identity.IdentityClient, caller: Caller, tagNamespaceId: string) {
  return asRows(await listAll(caller, (page) => client.listTags({ tagNamespaceId, limit: PAGE_LIMIT, page }), slimmer(tagDefinitions)));
}

export async function listTagDefaults(client: identity.IdentityClient, caller: Caller, compartmentId: string) {
  return asRows(await listAll(caller, (page) => client.listTagDefaults({ compartmentId, limit: PAGE_LIMIT, page }), slimmer(tagDefaults)));
}
