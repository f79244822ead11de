import type { Row } from '../resources/index.js';
import type { MonthWindow } from './months.js';

/** A key's values must add up to the month's total within a cent; more is a late usage record between two calls. */
export const CENT = 0.01;

export interface CostFigures {
  months: { month: string; cost: number; currency: string; toDate: boolean }[];
  /** Per tag key over the whole window, most untagged cost first. */
  keys: { namespace: string; key: string; tagged: number; untagged: number; taggedShare: number }[];
  /** (month, key) whose values do not add up to the month's total. */
  mismatches: { month: string; namespace: string; key: string; sum: number; total: number }[];
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Cost figures gathered as the cost rows stream past: a few numbers per month and key. */
export class CostTally {
  readonly #months = new Map<string, { cost: number; currency: string }>();
  readonly #keys = new Map<string, { namespace: string; key: string; perMonth: Map<string, { tagged: number; untagged: number }> }>();

  observeTotal(row: Row): void {
    const month = String(row['month']);
    const m = this.#months.get(month) ?? this.#months.set(month, { cost: 0, currency: '' }).get(month)!;
    m.cost += Number(row['cost'] ?? 0);
    m.currency ||= String(row['currency'] ?? '');
  }

  observeTag(row: Row): void {
    const namespace = String(row['tagNamespace']);
    const key = String(row['tagKey']);
    const id = `${namespace}\u0000${key}`;
    const k = this.#keys.get(id) ?? this.#keys.set(id, { namespace, key, perMonth: new Map() }).get(id)!;
    const month = String(row['month']);
    const m = k.perMonth.get(month) ?? k.perMonth.set(month, { tagged: 0, untagged: 0 }).get(month)!;
    if (row['tagValue'] === '' || row['tagValue'] == null) m.untagged += Number(row['cost'] ?? 0);
    else m.tagged += Number(row['cost'] ?? 0);
  }

  /** @param asked every (window, key) asked, so a key with no cost at all still counts as untagged */
  figures(windows: readonly MonthWindow[], asked: readonly { namespace: string; key: string }[]): CostFigures {
    const months = windows.map((w) => ({ month: w.month, cost: round(this.#months.get(w.month)?.cost ?? 0), currency: this.#months.get(w.month)?.currency ?? '', toDate: w.toDate }));
    const mismatches: CostFigures['mismatches'] = [];
    const keys = asked.map(({ namespace, key }) => {
      const k = this.#keys.get(`${namespace}\u0000${key}`);
      let tagged = 0;
      let untagged = 0;
      for (const w of windows) {
        const total = this.#months.get(w.month)?.cost;
        const m = k?.perMonth.get(w.month) ?? { tagged: 0, untagged: 0 };
        tagged += m.tagged;
        // What the values do not cover of a month's total is cost without the tag, whichever form the API used.
        const sum = m.tagged + m.untagged;
        if (total !== undefined && Math.abs(sum - total) > CENT) mismatches.push({ month: w.month, namespace, key, sum: round(sum), total: round(total) });
        untagged += m.untagged;
      }
      const all = tagged + untagged;
      return { namespace, key, tagged: round(tagged), untagged: round(untagged), taggedShare: all ? Number((tagged / all).toFixed(4)) : 0 };
    });
    keys.sort((a, b) => b.untagged - a.untagged || (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { months, keys, mismatches };
  }
}

/**
 * One month's cost for one tag key (or the ungrouped total) as a scope's result travels and is
 * journaled: columns, not a row object per value, since a key such as a creation time has a value
 * per resource and a row object per value would be held several times over on its way to the file.
 * The values travel joined, a chunk of whole values per string: a string per value is an object of
 * its own in each heap it passes through and in the journal's text, and one string for all would take
 * two bytes a character throughout for one value beyond Latin-1.
 */
export type PackedCost = {
  month: string;
  /** Absent for the ungrouped total. */
  tag?: { namespace: string; key: string };
  /** The currencies the entries name (one, as a rule): each would otherwise be a string of its own per entry. */
  currencies: string[];
  /** Every entry's tag value ('' = untagged), in the order written, joined without a separator; a value never spans two chunks. */
  text: string[];
  /**
   * Per entry, in the order written: its value's length in `text` (UTF-16 code units), its currency's
   * place in `currencies`, the cost. Long columns are typed arrays (see columnOf); the journal reads
   * them back as arrays.
   */
  lengths: ArrayLike<number>;
  currency: ArrayLike<number>;
  costs: ArrayLike<number>;
};

/** Columns longer than this travel as typed arrays. */
const TYPED_FROM = 1000;

/**
 * A long column as a typed array: the structured clone copies it in one piece, and the coordinator
 * gets no number object per entry (a cost is not a small integer). Short ones stay arrays, which the
 * journal writes as they are.
 */
export function columnOf(type: Float64ArrayConstructor | Uint32ArrayConstructor, ...parts: number[][]): ArrayLike<number> {
  const n = parts.reduce((sum, p) => sum + p.length, 0);
  if (n <= TYPED_FROM) return parts.flat();
  const column = new type(n);
  let at = 0;
  for (const p of parts) {
    column.set(p, at);
    at += p.length;
  }
  return column;
}

/** The values of `text` (see PackedCost), one per length. */
export function* packedValues(text: readonly string[], lengths: ArrayLike<number>): Generator<string> {
  let chunk = 0;
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i]!;
    if (!n) {
      yield '';
      continue;
    }
    while (at >= text[chunk]!.length) {
      chunk++;
      at = 0;
    }
    yield text[chunk]!.slice(at, (at += n));
  }
}

/** Rows of a packed result, as cost_by_tag or cost_by_month take them, a batch at a time. */
export function* unpackCost(p: PackedCost, batch: number): Generator<Row[]> {
  const values = packedValues(p.text, p.lengths);
  for (let i = 0; i < p.costs.length; i += batch) {
    const rows: Row[] = [];
    for (let j = i; j < Math.min(p.costs.length, i + batch); j++) {
      const value = values.next().value!;
      rows.push(p.tag ? { month: p.month, tagNamespace: p.tag.namespace, tagKey: p.tag.key, tagValue: value, cost: p.costs[j], currency: p.currencies[p.currency[j]!] } : { month: p.month, cost: p.costs[j], currency: p.currencies[p.currency[j]!] });
    }
    yield rows;
  }
}
