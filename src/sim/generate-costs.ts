import { hashString } from './random.js';
import type { ResourceGenerator } from './generate-resources.js';

// Daily cost per generated resource, summed per period and per defined tag value. Amounts are whole
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

export class CostModel {
  readonly #resources: ResourceGenerator;
  readonly #cache = new Map<string, PeriodCost>();

  constructor(resources: ResourceGenerator) {
    this.#resources = resources;
  }

  /** Periods within one month each; the missing ones are computed in a single pass over resources. */
  periods(periods: readonly [number, number][]): PeriodCost[] {
    const keyOf = ([s, e]: [number, number]) => `${s}|${e}`;
    const missing = periods.filter((p) => !this.#cache.has(keyOf(p)));
    if (missing.length > 0) {
      const fresh = missing.map(() => ({ total: 0, byTag: new Map<string, Map<string, number>>() }));
      for (const { resource, dailyUnits, createdMs } of this.#resources.all()) {
        const firstDay = Math.ceil(createdMs / DAY_MS) * DAY_MS;
        const wobble = hashString(resource.identifier);
        missing.forEach(([s, e], i) => {
          const days = Math.max(0, (e - Math.max(s, firstDay)) / DAY_MS);
          if (days === 0) return;
          // Prices move a little from month to month, the same way for every day of a month.
          const units = days * (dailyUnits + ((wobble + monthIndex(s)) % 4) * Math.floor(dailyUnits / 8));
          const agg = fresh[i]!;
          agg.total += units;
          for (const [ns, tags] of Object.entries(resource.definedTags)) {
            for (const [key, value] of Object.entries(tags)) {
              const k = tagKeyOf(ns, key);
              let values = agg.byTag.get(k);
              if (!values) agg.byTag.set(k, (values = new Map()));
              values.set(String(value), (values.get(String(value)) ?? 0) + units);
            }
          }
        });
      }
      missing.forEach((p, i) => this.#cache.set(keyOf(p), fresh[i]!));
      while (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    }
    return periods.map((p) => this.#cache.get(keyOf(p))!);
  }

  /** One key's cost per value in a period, untagged under '' (always last, only when non-zero). */
  byValue(period: PeriodCost, namespace: string, key: string): [value: string, units: number][] {
    const values = [...(period.byTag.get(tagKeyOf(namespace, key)) ?? new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const untagged = period.total - values.reduce((sum, [, u]) => sum + u, 0);
    return untagged > 0 ? [...values, ['', untagged]] : values;
  }
}

export const toAmount = (units: number) => units / UNITS_PER_CURRENCY;
