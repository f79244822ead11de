import { hashString } from './random.js';
import type { ResourceGenerator } from './generate-resources.js';

// Daily cost per generated resource, summed per period and per defined tag value. As in OCI, only
// cost-tracking tags reach cost data: for any other key all cost is untagged. Amounts are whole
// multiples of 1/128: binary fractions add up exactly in any order, so a tag key's values plus its
// untagged part equal the period's total to the last bit, wherever the sum is taken.

export const UNITS_PER_CURRENCY = 128;
export const CURRENCY = 'USD';
export const DAY_MS = 86_400_000;
const CACHE_SIZE = 512;

/** A period's cost in units: the total and, per `namespace\u0000key`, per tag value. */
export interface PeriodCost {
  total: number;
  byTag: Map<string, Map<string, number>>;
}

/** The three shapes untagged cost takes in the wild: `tags: []`, a null value, an empty string. */
export type UntaggedForm = 'no-tags' | 'null-value' | 'empty-value';
const FORMS: readonly UntaggedForm[] = ['no-tags', 'null-value', 'empty-value'];

export const tagKeyOf = (namespace: string, key: string) => `${namespace}\u0000${key}`;
const monthIndex = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/** Varies by month and key (not by day), so one month of one key always looks the same. */
export function untaggedForm(periodStart: number, namespace: string, key: string): UntaggedForm {
  return FORMS[hashString(`${monthIndex(periodStart)}|${namespace}|${key}`) % FORMS.length]!;
}

/** [start, end) split into calendar months (MONTHLY) or days (DAILY), as UTC epoch ms. */
export function periodsOf(start: number, end: number, granularity: 'MONTHLY' | 'DAILY'): [number, number][] {
  const out: [number, number][] = [];
  for (let s = start; s < end; ) {
    const d = new Date(s);
    const next = granularity === 'DAILY' ? s + DAY_MS : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    out.push([s, Math.min(next, end)]);
    s = next;
  }
  return out;
}

/** What cost is made of, one entry per resource in typed arrays; tag sets interned (few distinct). */
interface CostBasis {
  dailyUnits: Int32Array;
  firstDayMs: Float64Array;
  wobble: Uint8Array;
  tagSet: Int32Array;
  tagSets: [tagKey: string, value: string][][];
}

export class CostModel {
  readonly #resources: ResourceGenerator;
  readonly #tracked: ReadonlySet<string>;
  readonly #cache = new Map<string, PeriodCost>();
  #basis: CostBasis | undefined;

  /** `tracked`: the cost-tracking tags, as tagKeyOf(namespace, key). */
  constructor(resources: ResourceGenerator, tracked: ReadonlySet<string>) {
    this.#resources = resources;
    this.#tracked = tracked;
  }

  /**
   * Built on the first cost question: one pass over every resource. Afterwards a period costs a
   * loop over typed arrays, so a cost-by-tag collection does not regenerate the tenancy per call.
   */
  #costBasis(): CostBasis {
    if (this.#basis) return this.#basis;
    const daily: number[] = [];
    const firstDay: number[] = [];
    const wobble: number[] = [];
    const set: number[] = [];
    const tagSets: [string, string][][] = [];
    const interned = new Map<string, number>();
    for (const { resource, dailyUnits, createdMs } of this.#resources.all()) {
      const pairs: [string, string][] = [];
      for (const [ns, tags] of Object.entries(resource.definedTags)) {
        for (const [key, value] of Object.entries(tags)) if (this.#tracked.has(tagKeyOf(ns, key))) pairs.push([tagKeyOf(ns, key), String(value)]);
      }
      const signature = JSON.stringify(pairs);
      let index = interned.get(signature);
      if (index === undefined) {
        interned.set(signature, (index = tagSets.length));
        tagSets.push(pairs);
      }
      daily.push(dailyUnits);
      firstDay.push(Math.ceil(createdMs / DAY_MS) * DAY_MS);
      wobble.push(hashString(resource.identifier) % 4);
      set.push(index);
    }
    this.#basis = {
      dailyUnits: Int32Array.from(daily),
      firstDayMs: Float64Array.from(firstDay),
      wobble: Uint8Array.from(wobble),
      tagSet: Int32Array.from(set),
      tagSets,
    };
    return this.#basis;
  }

  /** Periods within one month each. */
  periods(periods: readonly [number, number][]): PeriodCost[] {
    return periods.map(([s, e]) => {
      const key = `${s}|${e}`;
      let cost = this.#cache.get(key);
      if (!cost) {
        this.#cache.set(key, (cost = this.#period(s, e)));
        while (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
      }
      return cost;
    });
  }

  #period(s: number, e: number): PeriodCost {
    const b = this.#costBasis();
    const perSet = new Float64Array(b.tagSets.length);
    const month = monthIndex(s);
    let total = 0;
    for (let i = 0; i < b.dailyUnits.length; i++) {
      const days = (e - Math.max(s, b.firstDayMs[i]!)) / DAY_MS;
      if (days <= 0) continue;
      // Prices move a little from month to month, the same way for every day of a month.
      const daily = b.dailyUnits[i]!;
      const units = days * (daily + ((b.wobble[i]! + month) % 4) * Math.floor(daily / 8));
      total += units;
      perSet[b.tagSet[i]!]! += units;
    }
    const byTag = new Map<string, Map<string, number>>();
    b.tagSets.forEach((pairs, i) => {
      const units = perSet[i]!;
      if (units === 0) return;
      for (const [k, value] of pairs) {
        let values = byTag.get(k);
        if (!values) byTag.set(k, (values = new Map()));
        values.set(value, (values.get(value) ?? 0) + units);
      }
    });
    return { total, byTag };
  }

  /** One key's cost per value in a period, untagged under '' (always last, only when non-zero). */
  byValue(period: PeriodCost, namespace: string, key: string): [value: string, units: number][] {
    const values = [...(period.byTag.get(tagKeyOf(namespace, key)) ?? new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const untagged = period.total - values.reduce((sum, [, u]) => sum + u, 0);
    return untagged > 0 ? [...values, ['', untagged]] : values;
  }
}

export const toAmount = (units: number) => units / UNITS_PER_CURRENCY;
