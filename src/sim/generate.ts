import { ocid } from './ocid.js';
import { sampleDistinct, stream } from './random.js';
import { generateTree } from './generate-tree.js';
import { generateDefaults, generateDefinitions, generateNamespaces } from './generate-tags.js';
import type { SimCompartment, SimTagDefault, SimTagDefinition, TenancyModel } from './model.js';

export interface GenerateOptions {
  seed: number;
  compartments: number;
  deletedCompartments: number;
  namespaces: number;
  tagDefinitions: number;
  tagDefaultFraction: number;
  forbidden: number;
  rootCreatedBy: boolean;
  loopingPages?: number;
}

export const HOME_REGION_KEY = 'IAD';

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The whole tenancy from (seed, sizes): same input, same bytes. O(n) apart from one sort by time. */
export function generateTenancy(o: GenerateOptions): TenancyModel {
  const ids = stream(o.seed, 'root-ocid');
  const tenancyId = ocid('tenancy', ids, 0);
  const userId = ocid('user', ids, 0);
  const tree = generateTree(o.seed, tenancyId, o.compartments, o.deletedCompartments);
  const active = tree.nodes.filter((n) => n.compartment.lifecycleState === 'ACTIVE');

  const tagNamespaces = generateNamespaces(o.seed, tenancyId, tree.tenancyTime, o.namespaces, active);
  const tagDefinitions = generateDefinitions(o.seed, tagNamespaces, o.tagDefinitions);
  const tagDefaults = generateDefaults({
    seed: o.seed,
    tenancyId,
    tenancyTime: tree.tenancyTime,
    active,
    definitions: tagDefinitions,
    fraction: o.tagDefaultFraction,
    rootCreatedBy: o.rootCreatedBy,
  });

  // With Oracle-Tags defaults at the root, OCI stamps every compartment created afterwards.
  const stamp = tagDefaults.find((d) => d.compartmentId === tenancyId && d.tagDefinitionName === 'CreatedBy');
  const compartments: SimCompartment[] = tree.nodes.map((n) => n.compartment);
  if (stamp) {
    for (const c of compartments) {
      // ISO strings of one format compare as times.
      if (c.timeCreated < stamp.timeCreated) continue;
      c.definedTags = { 'Oracle-Tags': { CreatedBy: 'default/admin@example.com', CreatedOn: c.timeCreated } };
    }
  }

  const forbiddenRng = stream(o.seed, 'forbidden');
  const forbiddenCompartmentIds = new Set<string>();
  for (const i of sampleDistinct(forbiddenRng, active.length, Math.min(o.forbidden, active.length))) {
    const c = active[i]!.compartment;
    c.isAccessible = false;
    forbiddenCompartmentIds.add(c.id);
  }
  const readable = active.filter((n) => !forbiddenCompartmentIds.has(n.compartment.id));
  const loopingRng = stream(o.seed, 'looping-pages');
  const loopingPageCompartmentIds = new Set(
    sampleDistinct(loopingRng, readable.length, Math.min(o.loopingPages ?? 0, readable.length)).map((i) => readable[i]!.compartment.id),
  );

  return {
    tenancy: {
      id: tenancyId,
      name: `simtenancy${o.seed}`,
      description: `Simulated tenancy, seed ${o.seed} — "Zürich, 東京"`,
      homeRegionKey: HOME_REGION_KEY,
      freeformTags: {},
      definedTags: {},
    },
    userId,
    compartments,
    compartmentById: new Map(compartments.map((c) => [c.id, c])),
    childrenOf: groupBy(compartments, (c) => c.compartmentId),
    tagNamespaces,
    tagDefinitions,
    tagDefinitionsByNamespace: groupBy<SimTagDefinition>(tagDefinitions, (d) => d.tagNamespaceId),
    tagDefaults,
    tagDefaultsByCompartment: groupBy<SimTagDefault>(tagDefaults, (d) => d.compartmentId),
    forbiddenCompartmentIds,
    loopingPageCompartmentIds,
  };
}
