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
    // Pages and currencies can split one value over several items: one row per (value, currency), summed
    // in the order the items came. By currency first: a tenancy bills in one, so that is one map.
    const byCurrency = new Map<string, Map<string, number>>();
    const attempts = await ops.requestCost(await clients.usage(), caller, { tenantId: String(scope['tenantId']), start: String(scope['start']), end: String(scope['end']), tag }, (value, currency, amount) => {
      const sums = byCurrency.get(currency) ?? byCurrency.set(currency, new Map()).get(currency)!;
      sums.set(value, (sums.get(value) ?? 0) + amount);
    });
    if (!byCurrency.size) return { rows: [], attempts };
    const currencies = [...byCurrency.keys()].sort(codeUnit);
    const values = currencies.length === 1 ? [...byCurrency.get(currencies[0]!)!.keys()] : [...new Set(currencies.flatMap((c) => [...byCurrency.get(c)!.keys()]))];
    values.sort(codeUnit);
    const packed: PackedCost = { month, ...(tag ? { tag } : {}), currencies, text: '', lengths: [], currency: [], costs: [] };
    const text: string[] = [];
    for (const value of values)
      currencies.forEach((currency, i) => {
        const sum = byCurrency.get(currency)!.get(value);
        if (sum === undefined) return;
        text.push(value);
        packed.lengths.push(value.length);
        packed.currency.push(i);
        packed.costs.push(money(sum));
      });
    packed.text = text.join('');
    return { rows: [packed], attempts };
  },
};
