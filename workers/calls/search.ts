import * as ops from '../../src/oci/operations.js';
import type { PhaseCall } from './types.js';

export const regions: PhaseCall = {
  operation: 'ListRegionSubscriptions',
  run: async (clients, caller, scope) => ops.listRegionSubscriptions(await clients.identity(), caller, scope.id),
};

/** One compartment in one region; rows say where they came from, so they stand on their own. */
export const resources: PhaseCall = {
  operation: 'SearchResources',
  async run(clients, caller, scope) {
    const region = scope.region!;
    const r = await ops.searchResources(await clients.search(region), caller, scope.id);
    return { ...r, rows: r.rows.map((row) => ({ ...row, region, compartmentPath: scope['path'] })) };
  },
};
