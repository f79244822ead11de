import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unpackCost, type PackedCost } from '../src/analyze/cost.js';
import { CostSums } from '../workers/calls/cost-sums.js';

type Item = [value: string, currency: string, amount: number];

/** What every (value, currency) must come to: summed in arrival order, sorted by value then currency (code units). */
function expected(items: Item[]): { value: string; currency: string; cost: number }[] {
  const sums = new Map<string, number>();
  for (const [v, c, a] of items) sums.set(`${v}\u0000${c}`, (sums.get(`${v}\u0000${c}`) ?? 0) + a);
  return [...sums]
    .map(([k, cost]) => {
      const [value, currency] = k.split('\u0000') as [string, string];
      return { value, currency, cost: Math.round(cost * 1e9) / 1e9 };
    })
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

function packed(items: Item[]): PackedCost | undefined {
  const s = new CostSums();
  for (const [v, c, a] of items) s.add(v, c, a);
  return s.pack({ month: '2026-01', tag: { namespace: 'ns', key: 'k' } });
}

const rows = (p: PackedCost | undefined) => (p ? [...unpackCost(p, 3)].flat().map((r) => ({ value: r['tagValue'], currency: r['currency'], cost: r['cost'] })) : []);

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

test('values listed in order, untagged last, pack as listed', () => {
  const items: Item[] = [
    ['2024-01-01', 'USD', 1.5],
    ['2024-01-02', 'USD', 2],
    ['2024-01-02', 'USD', 0.25],
    ['é', 'USD', 1],
    ['', 'USD', 4],
  ];
  assert.deepEqual(rows(packed(items)), expected(items));
  assert.deepEqual(packed(items)!.text, ['2024-01-012024-01-02é']);
});

test('values out of order, again later or in a second currency come out as a map would sum them', () => {
  for (let round = 0; round < 50; round++) {
    const items: Item[] = [];
    const n = 1 + Math.floor(rand() * 3000);
    for (let i = 0; i < n; i++) {
      // Mostly in order, then now and then a value seen before, an untagged item or a second currency.
      const r = rand();
      const value = r < 0.05 ? '' : r < 0.08 ? `v${Math.floor(rand() * i)}` : `v${String(i).padStart(5, '0')}`;
      items.push([value, rand() < 0.02 ? 'EUR' : 'USD', Math.round(rand() * 1000) / 128]);
    }
    assert.deepEqual(rows(packed(items)), expected(items), `round ${round}`);
  }
});

test('no items: no row', () => {
  assert.equal(packed([]), undefined);
});
