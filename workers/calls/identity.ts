import * as ops from '../../src/oci/operations.js';
import type { Row } from '../../src/resources/columns.js';
import type { FailureRow } from '../protocol.js';
import { failureOf } from '../failure.js';
import type { PhaseCall } from './types.js';

export const compartments: PhaseCall = {
  operation: 'ListCompartments',
  async run(clients, caller, scope) {
    const client = await clients.identity();
    const failures: FailureRow[] = [];
    const warnings: string[] = [];
    let tenancy: Row | undefined;
    let rows: Row[] = [];
    let attempts = 0;
    // Both at once: GetTenancy only names the root row, and waiting for it would add a round trip
    // before the listing's serial pages. A caller allowed to list compartments may still be refused
    // it, and that loses no data: a warning, with the OCID standing in for the name.
    const [root, listing] = await Promise.allSettled([ops.getTenancy(client, caller, scope.id), ops.listCompartments(client, caller, scope.id)]);
    if (root.status === 'fulfilled') {
      tenancy = root.value.row;
      attempts += root.value.attempts;
    } else {
      const f = failureOf('compartments', scope, root.reason, 'GetTenancy');
      if (f.httpStatus === 401) failures.push(f);
      else warnings.push(`GetTenancy failed (${f.httpStatus ?? ''} ${f.serviceCode}: ${f.message}); the root compartment is named by its OCID`);
    }
    if (listing.status === 'fulfilled') {
      rows = listing.value.rows;
      attempts += listing.value.attempts;
    } else failures.push(failureOf('compartments', scope, listing.reason, 'ListCompartments'));
    return { rows, tenancy, warnings, failures, attempts };
  },
};

export const tagNamespaces: PhaseCall = {
  operation: 'ListTagNamespaces',
  run: async (clients, caller, scope) => ops.listTagNamespaces(await clients.identity(), caller, scope.id),
};

export const tagDefinitions: PhaseCall = {
  operation: 'ListTags',
  async run(clients, caller, scope) {
    const r = await ops.listTags(await clients.identity(), caller, scope.id);
    // Enriched with what the coordinator knows and the API omits, so rows are complete on their own.
    return { ...r, rows: r.rows.map((row) => ({ ...row, tagNamespaceId: scope.id, tagNamespaceName: scope.name })) };
  },
};

export const tagDefaults: PhaseCall = {
  operation: 'ListTagDefaults',
  async run(clients, caller, scope) {
    const r = await ops.listTagDefaults(await clients.identity(), caller, { compartmentId: scope.id });
    return { ...r, rows: r.rows.map((row) => ({ ...row, compartmentName: scope.name })) };
  },
};

/** One tag definition's defaults in every compartment, if the API answers that way; the coordinator names the compartments. */
export const tagDefaultsByDefinition: PhaseCall = {
  operation: 'ListTagDefaults',
  run: async (clients, caller, scope) => ops.listTagDefaults(await clients.identity(), caller, { tagDefinitionId: scope.id }),
};
