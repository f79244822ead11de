import { expectedEffectiveDefaults, expectedFindings, type ExpectedEffectiveDefault, type ExpectedFinding } from './governance-truth.js';
import type { ExpectedChange } from './evolve.js';
import type { SimCompartment, SimTagDefault, SimTagDefinition, SimTagNamespace, TenancyModel } from './model.js';
import type { SimRegion } from './regions.js';
import type { ResourceGenerator, SimResource } from './generate-resources.js';
import { CURRENCY, DAY_MS, periodsOf, toAmount, type CostModel } from './generate-costs.js';
import type { SearchRefusal } from './search.js';

// What a complete collection must find, as the API returns it, so tests compare outputs for
// equality rather than counts. The objects are the server's own, frozen so no test can quietly
// change what the server answers.

export interface GroundTruth {
  tenancy: { id: string; name: string; description: string; homeRegionKey: string };
  /** ACTIVE compartments, the root excluded, in listing order. */
  compartments: readonly SimCompartment[];
  deletedCompartmentIds: readonly string[];
  tagNamespaces: readonly SimTagNamespace[];
  /** TagSummary as listed, plus tagNamespaceId and tagNamespaceName. */
  tagDefinitions: readonly SimTagDefinition[];
  /** Every tag default of every ACTIVE compartment and the root, forbidden ones included. */
  tagDefaults: readonly SimTagDefault[];
  /** Compartments whose ListTagDefaults always answers 404: a complete run reports them as failures. */
  forbiddenCompartmentIds: readonly string[];
  /** Subscribed regions, home first, as ListRegionSubscriptions answers. */
  regions: readonly SimRegion[];
  /** The region whose Search refuses every call, if any. */
  searchRefusal?: SearchRefusal;
  /** What effective_tag_defaults.csv must hold (forbidden subtrees left out); computed on each call. */
  effectiveTagDefaults(): ExpectedEffectiveDefault[];
  /** The (check, scope_id) pairs findings.csv must hold for the six checks; computed on each call. */
  findings(): ExpectedFinding[];
  /** With `evolve`: what a diff between a collection of the generated tenancy and this one must report. */
  changes: readonly ExpectedChange[];
  /** Compartments whose ListTagDefaults hands back the same opc-next-page forever: a complete run reports them as failures. */
  loopingPageCompartmentIds: readonly string[];
}

/** A resource as Search returns it, plus the region it was found in. */
export interface RegionResource extends SimResource {
  region: string;
}

export interface MonthCost {
  /** YYYY-MM */
  month: string;
  cost: number;
  currency: string;
}

export interface TagValueCost extends MonthCost {
  namespace: string;
  key: string;
  /** '' for untagged, whichever of its three forms the Usage API used. */
  value: string;
}

/**
 * Computed on demand from the model (never stored, never in /_sim/ground-truth), so tests and the
 * bench can compare a collection's resources and costs exactly even at 50,000 compartments.
 */
export interface ServiceTruth {
  /** Every resource Search returns in `region` (every region when omitted): ACTIVE compartments and the root, forbidden ones too. */
  resources(region?: string): RegionResource[];
  /** A compartment's effective tag defaults: own plus ancestors', nearest wins per definition. */
  effectiveTagDefaults(compartmentId: string): SimTagDefault[];
  /** Ungrouped cost per month of [start, end); both ends on the 1st of a month, UTC midnight. */
  costByMonth(start: Date | string, end: Date | string): MonthCost[];
  /**
   * Cost per month and value of one tag key in [start, end), untagged as value '' (when non-zero).
   * Only cost-tracking definitions have values, as in OCI; any other key's cost is all untagged.
   */
  costByTag(start: Date | string, end: Date | string, tag: { namespace: string; key: string }): TagValueCost[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function groundTruthOf(model: TenancyModel, regions: readonly SimRegion[] = [], searchRefusal?: SearchRefusal, changes: readonly ExpectedChange[] = []): GroundTruth {
  const { id, name, description, homeRegionKey } = model.tenancy;
  return deepFreeze({
    tenancy: { id, name, description, homeRegionKey },
    compartments: model.compartments.filter((c) => c.lifecycleState === 'ACTIVE'),
    deletedCompartmentIds: model.compartments.filter((c) => c.lifecycleState === 'DELETED').map((c) => c.id),
    tagNamespaces: model.tagNamespaces,
    tagDefinitions: model.tagDefinitions,
    tagDefaults: model.tagDefaults,
    forbiddenCompartmentIds: [...model.forbiddenCompartmentIds],
    regions,
    ...(searchRefusal ? { searchRefusal } : {}),
    // Functions: a million rows on a big tenancy are not worth holding, nor serving as JSON.
    effectiveTagDefaults: () => expectedEffectiveDefaults(model),
    findings: () => expectedFindings(model),
    changes,
    loopingPageCompartmentIds: [...model.loopingPageCompartmentIds],
  });
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

function monthsOf(start: Date | string, end: Date | string): [number, number][] {
  const s = new Date(start).getTime();
  const e = new Date(end).getTime();
  const firstOfMonth = (t: number) => t % DAY_MS === 0 && new Date(t).getUTCDate() === 1;
  if (!firstOfMonth(s) || !firstOfMonth(e) || e <= s) throw new RangeError(`costs are by whole months: got [${String(start)}, ${String(end)})`);
  return periodsOf(s, e, 'MONTHLY');
}

export function serviceTruthOf(resources: ResourceGenerator, costs: CostModel): ServiceTruth {
  return {
    resources: (region) => {
      const out: RegionResource[] = [];
      for (const r of resources.all(region)) out.push({ region: r.region, ...r.resource });
      return out;
    },
    effectiveTagDefaults: (id) => resources.effectiveDefaults(id),
    costByMonth: (start, end) => {
      const months = monthsOf(start, end);
      return costs.periods(months).map((p, i) => ({ month: monthOf(months[i]![0]), cost: toAmount(p.total), currency: CURRENCY }));
    },
    costByTag: (start, end, { namespace, key }) => {
      const months = monthsOf(start, end);
      return costs.periods(months).flatMap((p, i) =>
        costs.byValue(p, namespace, key).map(([value, units]) => ({ month: monthOf(months[i]![0]), namespace, key, value, cost: toAmount(units), currency: CURRENCY })),
      );
    },
  };
}
