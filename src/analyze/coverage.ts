import type { Row } from '../resources/index.js';

/** Shown in the summary and kept in the snapshot: the worst few, not every tag or compartment. */
export const COVERAGE_TOP = 10;

type Tags = Record<string, Record<string, unknown>>;
const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const share = (n: number, total: number) => (total ? n / total : 0);

export interface CoverageFigures {
  resources: number;
  untagged: number;
  untaggedShare: number;
  regions: Record<string, { resources: number; untagged: number }>;
  leastCovered: { namespace: string; key: string; tagged: number; share: number }[];
  mostUntagged: { compartmentId: string; path: string; untagged: number; resources: number }[];
  caseCollisions: { freeformKey: string; definedTag: string }[];
}

/**
 * Resource tag figures gathered as resource rows stream past: counters per tag key and per compartment,
 * never the resources themselves, so half a million resources cost a few maps.
 */
export class CoverageTally {
  total = 0;
  untagged = 0;
  readonly #defined = new Map<string, number>();
  readonly #freeform = new Map<string, number>();
  readonly #regions = new Map<string, { resources: number; untagged: number }>();
  /**
   * Per compartment, by its place in `compartments`: counts, not a map holding each OCID and path again
   * (the rows' own copies) beside the tree.
   */
  #compartments: readonly { id: string; path: string }[] = [];
  #resourcesIn = new Uint32Array(0);
  #untaggedIn = new Uint32Array(0);

  /** The compartments resources are asked for; observe() names them by their place here. */
  over(compartments: readonly { id: string; path: string }[]): void {
    this.#compartments = compartments;
    this.#resourcesIn = new Uint32Array(compartments.length);
    this.#untaggedIn = new Uint32Array(compartments.length);
  }

  get compartments(): number {
    return this.#compartments.length;
  }

  /** The resource's tag rows for resource_tags.csv, in a fixed order; counts it on the way. */
  observe(resource: Row, compartment: number): Row[] {
    const defined = (resource['definedTags'] ?? {}) as Tags;
    const freeform = (resource['freeformTags'] ?? {}) as Record<string, unknown>;
    const region = String(resource['region'] ?? '');
    const resourceId = String(resource['id']);
    const tags: Row[] = [];
    for (const ns of Object.keys(defined).sort(codeUnit))
      for (const key of Object.keys(defined[ns] ?? {}).sort(codeUnit)) {
        tags.push({ region, resourceId, tagType: 'defined', tagNamespace: ns, tagKey: key, tagValue: text(defined[ns][key]) });
        bump(this.#defined, `${ns}\u0000${key}`);
      }
    for (const key of Object.keys(freeform).sort(codeUnit)) {
      tags.push({ region, resourceId, tagType: 'freeform', tagNamespace: null, tagKey: key, tagValue: text(freeform[key]) });
      bump(this.#freeform, key);
    }
    const untagged = tags.length === 0 ? 1 : 0;
    this.total++;
    this.untagged += untagged;
    this.#resourcesIn[compartment]++;
    this.#untaggedIn[compartment] += untagged;
    const r = this.#regions.get(region) ?? this.#regions.set(region, { resources: 0, untagged: 0 }).get(region)!;
    r.resources++;
    r.untagged += untagged;
    return tags;
  }

  /** tag_coverage.csv: every collected definition (0 when unused), then every freeform key seen. */
  rows(definitions: readonly Row[]): Row[] {
    const out: Row[] = [];
    const row = (tagType: string, tagNamespace: string | null, tagKey: string, tagged: number) => ({
      tagType,
      tagNamespace,
      tagKey,
      resourcesTagged: tagged,
      resourcesTotal: this.total,
      share: share(tagged, this.total).toFixed(4),
    });
    for (const d of sortedDefinitions(definitions)) out.push(row('defined', d.namespace, d.key, this.#defined.get(`${d.namespace}\u0000${d.key}`) ?? 0));
    for (const key of [...this.#freeform.keys()].sort(codeUnit)) out.push(row('freeform', null, key, this.#freeform.get(key)!));
    return out;
  }

  figures(definitions: readonly Row[]): CoverageFigures {
    const live = sortedDefinitions(definitions.filter((d) => !d['isRetired']));
    const leastCovered = live
      .map((d) => {
        const tagged = this.#defined.get(`${d.namespace}\u0000${d.key}`) ?? 0;
        return { namespace: d.namespace, key: d.key, tagged, share: Number(share(tagged, this.total).toFixed(4)) };
      })
      .sort((a, b) => a.share - b.share || codeUnit(a.namespace, b.namespace) || codeUnit(a.key, b.key))
      .slice(0, COVERAGE_TOP);
    const mostUntagged = this.#compartments
      .flatMap((c, i) => (this.#untaggedIn[i]! > 0 ? [{ compartmentId: c.id, path: c.path, untagged: this.#untaggedIn[i]!, resources: this.#resourcesIn[i]! }] : []))
      .sort((x, y) => y.untagged - x.untagged || codeUnit(x.compartmentId, y.compartmentId))
      .slice(0, COVERAGE_TOP);
    // A freeform `env` beside a defined `Env` splits one question over two keys.
    const definedByLower = new Map<string, { namespace: string; key: string }[]>();
    for (const d of sortedDefinitions(definitions)) {
      const k = d.key.toLowerCase();
      definedByLower.set(k, [...(definedByLower.get(k) ?? []), d]);
    }
    const caseCollisions = [...this.#freeform.keys()]
      .sort(codeUnit)
      .flatMap((key) =>
        (definedByLower.get(key.toLowerCase()) ?? []).filter((d) => d.key !== key).map((d) => ({ freeformKey: key, definedTag: `${d.namespace}.${d.key}` })),
      );
    return {
      resources: this.total,
      untagged: this.untagged,
      untaggedShare: Number(share(this.untagged, this.total).toFixed(4)),
      regions: Object.fromEntries([...this.#regions].sort(([a], [b]) => codeUnit(a, b))),
      leastCovered,
      mostUntagged,
      caseCollisions,
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

function sortedDefinitions(definitions: readonly Row[]): { namespace: string; key: string }[] {
  return definitions
    .map((d) => ({ namespace: String(d['tagNamespaceName'] ?? ''), key: String(d['name'] ?? '') }))
    .sort((a, b) => codeUnit(a.namespace, b.namespace) || codeUnit(a.key, b.key));
}
