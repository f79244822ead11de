// A later state of the generated tenancy: K changes of every kind `oci-growth diff` reports, drawn
// deterministically from the seed, each on its own object so the expected changes are exactly what a
// diff of a collection before and after must find. The log is written as each change is made, not
// computed by comparing models, so it checks the diff instead of repeating it.
import { groupBy } from './generate.js';
import { MAX_DEFAULTS_PER_COMPARTMENT } from './generate-tags.js';
import { MAX_DEPTH } from './generate-tree.js';
import { ocid } from './ocid.js';
import { stream, type Rng } from './random.js';
import type { SimCompartment, SimTagDefault, SimTagDefinition, TenancyModel } from './model.js';

export interface ExpectedChange {
  kind: 'compartment' | 'tag_namespace' | 'tag_definition' | 'tag_default';
  change: 'added' | 'removed' | 'changed';
  id: string;
  /** On `changed` only, with the values as changes.csv writes them. */
  field?: string;
  oldValue?: string;
  newValue?: string;
}

const DAY = 86_400_000;

/** Candidates in a seeded random order (Fisher–Yates: every order equally likely). */
function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Applies the changes to `model` in place (indexes rebuilt) and returns what a diff must report. */
export function evolveTenancy(model: TenancyModel, k: number, seed: number): ExpectedChange[] {
  if (k <= 0) return [];
  const rng = stream(seed, 'evolve');
  const ids = stream(seed, 'evolve-ocid');
  const log: ExpectedChange[] = [];
  const changed = (kind: ExpectedChange['kind'], id: string, field: string, oldValue: unknown, newValue: unknown) =>
    log.push({ kind, change: 'changed', id, field, oldValue: String(oldValue), newValue: String(newValue) });

  const rootId = model.tenancy.id;
  const all = [...model.compartments.map((c) => c.timeCreated), ...model.tagDefaults.map((d) => d.timeCreated), ...model.tagDefinitions.map((d) => d.timeCreated)];
  const later = Date.parse(all.reduce((a, b) => (a > b ? a : b), '2020-01-01T00:00:00.000Z')) + DAY;
  const at = (i: number) => new Date(later + i * 3_600_000).toISOString();

  // Compartments: the tree as it is now.
  const active = model.compartments.filter((c) => c.lifecycleState === 'ACTIVE');
  const activeChildren = groupBy(active, (c) => c.compartmentId);
  const depth = new Map<string, number>([[rootId, 0]]);
  const depthOf = (id: string): number => {
    let d = depth.get(id);
    if (d === undefined) {
      d = depthOf(model.compartmentById.get(id)!.compartmentId) + 1;
      depth.set(id, d);
    }
    return d;
  };
  const height = (id: string): number => Math.max(0, ...(activeChildren.get(id) ?? []).map((c) => height(c.id) + 1));
  const inSubtree = (id: string, top: string): boolean => {
    for (let cur: string | undefined = id; cur && cur !== rootId; cur = model.compartmentById.get(cur)?.compartmentId) if (cur === top) return true;
    return false;
  };
  const siblingNames = (parentId: string) => new Set((activeChildren.get(parentId) ?? []).map((c) => c.name));
  const hasDefaults = new Set(model.tagDefaults.map((d) => d.compartmentId));
  const homesNamespace = new Set(model.tagNamespaces.map((n) => n.compartmentId));
  const touched = new Set<string>();
  const free = (c: SimCompartment) => !touched.has(c.id) && !model.forbiddenCompartmentIds.has(c.id);
  const take = (candidates: SimCompartment[], ok: (c: SimCompartment) => boolean = () => true): SimCompartment[] => {
    const out: SimCompartment[] = [];
    for (const c of shuffled(rng, candidates)) {
      if (out.length === k) break;
      if (!free(c) || !ok(c)) continue;
      touched.add(c.id);
      out.push(c);
    }
    return out;
  };

  // Deleted: OCI deletes only empty compartments; leaves without defaults or namespaces stay clean.
  for (const c of take(active, (c) => !activeChildren.has(c.id) && !hasDefaults.has(c.id) && !homesNamespace.has(c.id))) {
    c.lifecycleState = 'DELETED';
    log.push({ kind: 'compartment', change: 'removed', id: c.id });
  }
  const living = (id: string) => id === rootId || model.compartmentById.get(id)?.lifecycleState === 'ACTIVE';

  // Moved: preferably a compartment with a subtree, whose paths then change without being changes.
  const parents = shuffled(rng, [rootId, ...active.filter((c) => living(c.id)).map((c) => c.id)]);
  const withChildren = active.filter((c) => living(c.id) && activeChildren.has(c.id));
  let moved = 0;
  for (const c of shuffled(rng, withChildren.length >= k ? withChildren : active.filter((a) => living(a.id)))) {
    if (moved === k) break;
    if (!free(c)) continue;
    const fits = (p: string) => p !== c.compartmentId && !inSubtree(p, c.id) && depthOf(p) + 1 + height(c.id) <= MAX_DEPTH && !siblingNames(p).has(c.name);
    const to = parents.find(fits);
    if (!to) continue;
    touched.add(c.id);
    moved++;
    changed('compartment', c.id, 'compartment_id', c.compartmentId, to);
    activeChildren.set(c.compartmentId, activeChildren.get(c.compartmentId)!.filter((x) => x !== c));
    activeChildren.set(to, [...(activeChildren.get(to) ?? []), c]);
    c.compartmentId = to;
    depth.clear();
    depth.set(rootId, 0);
  }

  const stillActive = active.filter((c) => living(c.id));
  for (const c of take(stillActive)) {
    const name = `${c.name}-renamed`;
    changed('compartment', c.id, 'name', c.name, name);
    c.name = name;
  }
  for (const c of take(stillActive)) {
    const text = `${c.description} (reviewed)`;
    changed('compartment', c.id, 'description', c.description, text);
    c.description = text;
  }

  // Added: under living parents with room below them.
  const stamp = model.tagDefaults.find((d) => d.compartmentId === rootId && d.tagDefinitionName === 'CreatedBy');
  const roomy = parents.filter((p) => living(p) && depthOf(p) < MAX_DEPTH);
  for (let i = 0; i < k && roomy.length; i++) {
    const parentId = roomy[i % roomy.length]!;
    const c: SimCompartment = {
      id: ocid('compartment', ids, model.compartments.length),
      compartmentId: parentId,
      name: `grown-${i + 1}`,
      description: `Added by the simulated growth, step ${i + 1}`,
      timeCreated: at(i),
      lifecycleState: 'ACTIVE',
      isAccessible: true,
      freeformTags: {},
      definedTags: stamp ? { 'Oracle-Tags': { CreatedBy: 'default/admin@example.com', CreatedOn: at(i) } } : {},
    };
    model.compartments.push(c);
    model.compartmentById.set(c.id, c);
    log.push({ kind: 'compartment', change: 'added', id: c.id });
  }

  // Namespaces: Oracle-Tags stays; a retired namespace retires its definitions with it (as OCI does).
  const namespaces = shuffled(rng, model.tagNamespaces.filter((n) => !n.isRetired && n.name !== 'Oracle-Tags'));
  // At least one namespace stays open for the added definitions.
  const retiring = namespaces.slice(0, Math.min(k, Math.max(0, namespaces.length - 1)));
  const open = namespaces.filter((n) => !retiring.includes(n));
  for (const n of retiring) {
    changed('tag_namespace', n.id, 'is_retired', false, true);
    n.isRetired = true;
    n.lifecycleState = 'INACTIVE';
    for (const d of model.tagDefinitions) {
      if (d.tagNamespaceId !== n.id || d.isRetired) continue;
      changed('tag_definition', d.id, 'is_retired', false, true);
      d.isRetired = true;
      d.lifecycleState = 'INACTIVE';
    }
  }
  for (const n of open.slice(0, k)) {
    const text = `${n.description} (owner: FinOps)`;
    changed('tag_namespace', n.id, 'description', n.description, text);
    n.description = text;
  }

  // Definitions: the root's CreatedBy/CreatedOn stay, as every tenancy keeps them.
  const definitions = shuffled(rng, model.tagDefinitions.filter((d) => !d.isRetired && d.tagNamespaceName !== 'Oracle-Tags'));
  for (const d of definitions.slice(0, k)) {
    changed('tag_definition', d.id, 'is_retired', false, true);
    d.isRetired = true;
    d.lifecycleState = 'INACTIVE';
  }
  for (const d of definitions.slice(k, 2 * k)) {
    const text = `${d.description} (see the tagging standard)`;
    changed('tag_definition', d.id, 'description', d.description, text);
    d.description = text;
  }
  for (let i = 0; i < k && open.length; i++) {
    const ns = open[i % open.length]!;
    const d: SimTagDefinition = {
      compartmentId: ns.compartmentId,
      id: ocid('tagdefinition', ids, model.tagDefinitions.length),
      name: `GrowthKey${i + 1}`,
      description: `Added by the simulated growth, step ${i + 1}`,
      freeformTags: {},
      definedTags: {},
      isRetired: false,
      lifecycleState: 'ACTIVE',
      timeCreated: at(i),
      isCostTracking: false,
      tagNamespaceId: ns.id,
      tagNamespaceName: ns.name,
    };
    model.tagDefinitions.push(d);
    log.push({ kind: 'tag_definition', change: 'added', id: d.id });
  }

  // Tag defaults: only where the collection can read them (forbidden compartments fail there).
  // The root's Oracle-Tags defaults (CreatedBy, CreatedOn) stay as they are: governance checks look for them.
  const oracleTags = new Set(model.tagNamespaces.filter((n) => n.name === 'Oracle-Tags').map((n) => n.id));
  const readable = shuffled(
    rng,
    model.tagDefaults.filter((d) => !model.forbiddenCompartmentIds.has(d.compartmentId) && living(d.compartmentId) && !(d.compartmentId === rootId && oracleTags.has(d.tagNamespaceId))),
  );
  const [valued, flipped, removed] = [readable.slice(0, k), readable.slice(k, 2 * k), readable.slice(2 * k, 3 * k)];
  for (const d of valued) {
    const value = `${d.value}-v2`;
    changed('tag_default', d.id, 'value', d.value, value);
    d.value = value;
  }
  for (const d of flipped) {
    changed('tag_default', d.id, 'is_required', d.isRequired, !d.isRequired);
    d.isRequired = !d.isRequired;
  }
  const gone = new Set<SimTagDefault>(removed);
  for (const d of removed) log.push({ kind: 'tag_default', change: 'removed', id: d.id });
  model.tagDefaults = model.tagDefaults.filter((d) => !gone.has(d));

  const usable = shuffled(rng, model.tagDefinitions).filter((d) => !d.isRetired && model.tagNamespaces.find((n) => n.id === d.tagNamespaceId)?.isRetired === false);
  const setOn = groupBy(model.tagDefaults, (d) => d.compartmentId);
  const targets = shuffled(rng, [rootId, ...stillActive.map((c) => c.id)].filter((id) => !model.forbiddenCompartmentIds.has(id)));
  let added = 0;
  for (const compartmentId of targets) {
    if (added === k) break;
    const own = setOn.get(compartmentId) ?? [];
    if (own.length >= MAX_DEFAULTS_PER_COMPARTMENT) continue;
    const def = usable.find((u, i) => i >= added && !own.some((d) => d.tagDefinitionId === u.id)) ?? usable.find((u) => !own.some((d) => d.tagDefinitionId === u.id));
    if (!def) continue;
    const d: SimTagDefault = {
      id: ocid('tagdefault', ids, model.tagDefaults.length + gone.size),
      compartmentId,
      tagNamespaceId: def.tagNamespaceId,
      tagDefinitionId: def.id,
      tagDefinitionName: def.name,
      value: `grown-${added + 1}`,
      timeCreated: at(added),
      lifecycleState: 'ACTIVE',
      isRequired: false,
    };
    model.tagDefaults.push(d);
    log.push({ kind: 'tag_default', change: 'added', id: d.id });
    added++;
  }

  model.childrenOf = groupBy(model.compartments, (c) => c.compartmentId);
  model.tagDefinitionsByNamespace = groupBy(model.tagDefinitions, (d) => d.tagNamespaceId);
  model.tagDefaultsByCompartment = groupBy(model.tagDefaults, (d) => d.compartmentId);
  return log;
}
