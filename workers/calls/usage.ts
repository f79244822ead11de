import * as ops from '../../src/oci/operations.js';
import { CostSums } from './cost-sums.js';
import type { PhaseCall } from './types.js';

/** One month's cost: the ungrouped total (scope id `total`) or one tag definition's values, packed (see PackedCost). */
export const cost: PhaseCall = {
  operation: 'RequestSummarizedUsages',
  async run(clients, caller, scope) {
    const month = String(scope['month']);
    const tag = scope.id === 'total' ? undefined : { namespace: String(scope['namespace']), key: String(scope['tagKey']) };
    // Pages and currencies can split one value over several items: one row per (value, currency).
    const sums = new CostSums();
    const attempts = await ops.requestCost(await clients.usage(), caller, { tenantId: String(scope['tenantId']), start: String(scope['start']), end: String(scope['end']), tag }, (value, currency, amount) =>
      sums.add(value, currency, amount),
    );
    const packed = sums.pack({ month, tag });
    if (!packed) return { rows: [], attempts };
    const transfer = [packed.lengths, packed.currency, packed.costs].flatMap((c) => (ArrayBuffer.isView(c) ? [c.buffer as ArrayBuffer] : []));
    return { rows: [packed], attempts, transfer };
  },
};
