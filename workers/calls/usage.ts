import * as ops from '../../src/oci/operations.js';
import type { PackedCost } from '../../src/analyze/cost.js';
import type { PhaseCall } from './types.js';

/** Sums without float dust: costs are money, shown to far fewer places than this. */
const money = (x: number) => Math.round(x * 1e9) / 1e9;
const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One month's cost: the ungrouped total (scope id `total`) or one tag definition's values, packed (see PackedCost). */
export const cost: PhaseCall = {
  operation: 'RequestSummarizedUsages',
  async run(clients, caller, scope) {
    const month = String(scope['month']);
    const tag = scope.id === 'total' ? undefined : { namespace: String(scope['namespace']), key: String(scope['tagKey']) };
    const r = await ops.requestCost(await clients.usage(), caller, { tenantId: String(scope['tenantId']), start: String(scope['start']), end: String(scope['end']), tag });
    // Pages and currencies can split one value over several items: one row per (value, currency).
    const sums = new Map<string, { value: string; currency: string; cost: number }>();
    for (const { value, currency, amount } of r.items) {
      const k = `${value}\u0000${currency}`;
      const s = sums.get(k) ?? sums.set(k, { value, currency, cost: 0 }).get(k)!;
      s.cost += amount;
    }
    const ordered = [...sums.values()].sort((a, b) => codeUnit(a.value, b.value) || codeUnit(a.currency, b.currency));
    if (!ordered.length) return { rows: [], attempts: r.attempts };
    const packed: PackedCost = { month, ...(tag ? { tag } : {}), values: ordered.map((s) => s.value), currencies: ordered.map((s) => s.currency), costs: ordered.map((s) => money(s.cost)) };
    return { rows: [packed], attempts: r.attempts };
  },
};
