import { ocid } from './ocid.js';
import { int, stream, type Rng } from './random.js';
import { description, NAMESPACE_NAMES, TAG_NAMES, tagValue } from './text.js';
import type { SimTagDefault, SimTagDefinition, SimTagNamespace } from './model.js';
import type { TreeNode } from './generate-tree.js';

// Tag governance on top of the tree: namespaces (the first is Oracle-Tags at the root, as in a real
// tenancy; some live in sub-compartments; the last is retired), definitions spread over them, and
// tag defaults on a fraction of ACTIVE compartments.

/** OCI's limits: tag defaults per compartment, cost-tracking tags per tenancy. */
export const MAX_DEFAULTS_PER_COMPARTMENT = 20;
const MAX_COST_TRACKING = 10;
const DAY = 86_400_000;

const iso = (t: number) => new Date(t).toISOString();

export function generateNamespaces(seed: number, tenancyId: string, tenancyTime: number, count: number, active: TreeNode[]): SimTagNamespace[] {
  const rng = stream(seed, 'namespaces');
  const ids = stream(seed, 'namespace-ocid');
  const out: SimTagNamespace[] = [];
  for (let i = 0; i < count; i++) {
    const inSub = active.length > 0 && i > 0 && (i === 2 || rng() < 0.3);
    const home = inSub ? active[Math.floor(rng() * active.length)]! : undefined;
    const retired = count >= 2 && i === count - 1;
    const time = (home?.time ?? tenancyTime) + DAY + Math.floor(rng() * 200 * DAY);
    out.push({
      id: ocid('tagnamespace', ids, i),
      compartmentId: home?.compartment.id ?? tenancyId,
      name: NAMESPACE_NAMES[i] ?? `Namespace-${i + 1}`,
      description: i === 0 ? 'Oracle recommended tags' : description(rng, 0.3),
      freeformTags: {},
      definedTags: {},
      isRetired: retired,
      lifecycleState: retired ? 'INACTIVE' : 'ACTIVE',
      timeCreated: iso(time),
    });
  }
  return out;
}

function tagNamesFor(namespace: SimTagNamespace, index: number, rng: Rng): string[] {
  if (index === 0 && namespace.name === 'Oracle-Tags') return ['CreatedBy', 'CreatedOn', ...TAG_NAMES];
  const offset = Math.floor(rng() * TAG_NAMES.length);
  return [...TAG_NAMES.slice(offset), ...TAG_NAMES.slice(0, offset)];
}

export function generateDefinitions(seed: number, namespaces: SimTagNamespace[], count: number): SimTagDefinition[] {
  if (namespaces.length === 0) return [];
  const rng = stream(seed, 'definitions');
  const ids = stream(seed, 'definition-ocid');
  const nameLists = namespaces.map((ns, i) => tagNamesFor(ns, i, rng));
  const used = namespaces.map(() => 0);
  let costTracking = 0;
  const out: SimTagDefinition[] = [];
  for (let j = 0; j < count; j++) {
    // Every namespace gets one; Oracle-Tags gets its CreatedBy/CreatedOn pair; the rest at random.
    const n = j < namespaces.length ? j : j === namespaces.length ? 0 : Math.floor(rng() * namespaces.length);
    const ns = namespaces[n]!;
    const k = used[n]!++;
    const list = nameLists[n]!;
    const name = k < list.length ? list[k]! : `Tag${k + 1}`;
    const retired = ns.isRetired || (j === count - 1 && count >= namespaces.length + 3);
    const cost = !retired && costTracking < MAX_COST_TRACKING && rng() < 0.3;
    if (cost) costTracking++;
    out.push({
      compartmentId: ns.compartmentId,
      id: ocid('tagdefinition', ids, j),
      name,
      description: description(rng, 0.3),
      freeformTags: {},
      definedTags: {},
      isRetired: retired,
      lifecycleState: retired ? 'INACTIVE' : 'ACTIVE',
      timeCreated: iso(Date.parse(ns.timeCreated) + Math.floor(rng() * 90 * DAY)),
      isCostTracking: cost,
      tagNamespaceId: ns.id,
      tagNamespaceName: ns.name,
    });
  }
  return out;
}

export interface DefaultsInput {
  seed: number;
  tenancyId: string;
  tenancyTime: number;
  active: TreeNode[];
  definitions: SimTagDefinition[];
  fraction: number;
}

export function generateDefaults(input: DefaultsInput): SimTagDefault[] {
  const rng = stream(input.seed, 'defaults');
  const ids = stream(input.seed, 'default-ocid');
  // OCI refuses defaults on retired tags, and allows one default per tag per compartment.
  const pool = input.definitions.filter((d) => !d.isRetired);
  const cap = Math.min(MAX_DEFAULTS_PER_COMPARTMENT, pool.length);
  const out: SimTagDefault[] = [];
  if (cap === 0) return out;

  const add = (compartmentId: string, after: number, def: SimTagDefinition, value: string, required: boolean) => {
    out.push({
      id: ocid('tagdefault', ids, out.length),
      compartmentId,
      tagNamespaceId: def.tagNamespaceId,
      tagDefinitionId: def.id,
      tagDefinitionName: def.name,
      value,
      timeCreated: iso(Math.max(after, Date.parse(def.timeCreated)) + Math.floor(rng() * 30 * DAY)),
      lifecycleState: 'ACTIVE',
      isRequired: required,
    });
  };

  // The root carries Oracle-Tags' automatic defaults, which every compartment inherits.
  for (const def of pool) {
    if (def.tagNamespaceName !== 'Oracle-Tags') continue;
    if (def.name === 'CreatedBy') add(input.tenancyId, input.tenancyTime, def, '${iam.principal.name}', false);
    if (def.name === 'CreatedOn') add(input.tenancyId, input.tenancyTime, def, '${oci.datetime}', false);
  }

  let first = true;
  for (const node of input.active) {
    if (rng() >= input.fraction) continue;
    // Mostly one to three defaults; the first compartment chosen sits exactly at OCI's limit.
    const k = first ? cap : Math.min(cap, 1 + Math.floor(rng() ** 6 * cap));
    first = false;
    // Partial Fisher–Yates on the shared pool: O(k), and any permutation left behind is still random.
    for (let i = 0; i < k; i++) {
      const j = int(rng, i, pool.length - 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      add(node.compartment.id, node.time, pool[i]!, tagValue(rng, 0.35), rng() < 0.15);
    }
  }
  return out;
}
