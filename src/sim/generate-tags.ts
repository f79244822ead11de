import { ocid } from './ocid.js';
import { int, stream, type Rng } from './random.js';
import { description, NAMESPACE_NAMES, TAG_NAMES, tagValue } from './text.js';
import type { SimTagDefault, SimTagDefinition, SimTagNamespace } from './model.js';
import type { TreeNode } from './generate-tree.js';

// Tag governance on top of the tree: namespaces (the first is Oracle-Tags at the root, as in a real
// tenancy; some live in sub-compartments; the last is retired), definitions spread over them, and
// tag defaults on a fraction of ACTIVE compartments. Planted among them, so every governance check has
// something to find: a namespace whose definitions are all retired, two live keys equal but for case,
// defaults on retired tags (one required), a child overriding its parent's default, and a root without
// (by option) the ${iam.principal.name} default.

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
  // The live namespace just before the retired last one keeps only retired definitions.
  const hollow = namespaces.length >= 4 ? namespaces.length - 2 : -1;
  let costTracking = 0;
  const out: SimTagDefinition[] = [];
  for (let j = 0; j < count; j++) {
    // Every namespace gets one; Oracle-Tags gets its CreatedBy/CreatedOn pair; the rest at random.
    const n = j < namespaces.length ? j : j === namespaces.length ? 0 : Math.floor(rng() * namespaces.length);
    const ns = namespaces[n]!;
    const k = used[n]!++;
    const list = nameLists[n]!;
    const name = k < list.length ? list[k]! : `Tag${k + 1}`;
    const retired = ns.isRetired || n === hollow || (j === count - 1 && count >= namespaces.length + 3);
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
  plantCaseCollision(out);
  return out;
}

/**
 * The first key name two live namespaces share gets lower-cased in the later one: OCI refuses case
 * variants within a namespace, not across namespaces.
 */
function plantCaseCollision(definitions: SimTagDefinition[]): void {
  const first = new Map<string, SimTagDefinition>();
  for (const d of definitions) {
    if (d.isRetired) continue;
    const seen = first.get(d.name);
    if (seen && seen.tagNamespaceId !== d.tagNamespaceId && d.name !== d.name.toLowerCase()) {
      d.name = d.name.toLowerCase();
      return;
    }
    if (!seen) first.set(d.name, d);
  }
}

export interface DefaultsInput {
  seed: number;
  tenancyId: string;
  tenancyTime: number;
  active: TreeNode[];
  definitions: SimTagDefinition[];
  fraction: number;
  /** Whether the root sets Oracle-Tags.CreatedBy = ${iam.principal.name} (CIS: a default tag on resources). */
  rootCreatedBy: boolean;
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
    if (def.name === 'CreatedBy' && input.rootCreatedBy) add(input.tenancyId, input.tenancyTime, def, '${iam.principal.name}', false);
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
  plantDefaults(input, out, add);
  return out;
}

type Add = (compartmentId: string, after: number, def: SimTagDefinition, value: string, required: boolean) => void;

/**
 * Defaults the random draw may miss, each in a compartment with room for it: on a retired tag (one
 * required, one not; OCI refuses creating those, but a tag retired later keeps its defaults), and a
 * child overriding a default its parent sets.
 */
function plantDefaults(input: DefaultsInput, out: SimTagDefault[], add: Add): void {
  const has = new Map<string, Set<string>>();
  for (const d of out) (has.get(d.compartmentId) ?? has.set(d.compartmentId, new Set()).get(d.compartmentId)!).add(d.tagDefinitionId);
  const room = (node: TreeNode, def: SimTagDefinition) => {
    const set = has.get(node.compartment.id);
    return !set || (set.size < MAX_DEFAULTS_PER_COMPARTMENT && !set.has(def.id));
  };
  const put = (node: TreeNode, def: SimTagDefinition, value: string, required: boolean) => {
    add(node.compartment.id, node.time, def, value, required);
    (has.get(node.compartment.id) ?? has.set(node.compartment.id, new Set()).get(node.compartment.id)!).add(def.id);
  };

  const retired = input.definitions.find((d) => d.isRetired);
  if (retired) {
    const spots = input.active.filter((n) => room(n, retired)).slice(0, 2);
    if (spots[0]) put(spots[0], retired, 'planted: required on a retired tag', true);
    if (spots[1]) put(spots[1], retired, 'planted: on a retired tag', false);
  }

  const live = input.definitions.filter((d) => !d.isRetired);
  const byId = new Map(input.active.map((n) => [n.compartment.id, n]));
  for (const child of input.active) {
    const parent = byId.get(child.compartment.compartmentId);
    const def = parent && live.find((d) => room(parent, d) && room(child, d));
    if (!parent || !def) continue;
    put(parent, def, 'planted: parent value', false);
    put(child, def, 'planted: child value', false);
    return;
  }
}
