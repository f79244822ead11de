import type { SimTagDefault, TenancyModel } from './model.js';

// What the local analysis must find in this tenancy, worked out from the model directly (every
// compartment's chain of parents walked on its own, no streaming) and as a collector sees it: the
// forbidden compartments' own defaults cannot be read, so their subtrees have no effective defaults and
// their defaults are neither checked nor compared against.

export interface ExpectedEffectiveDefault {
  compartmentId: string;
  compartmentPath: string;
  tagDefinitionId: string;
  tagNamespaceName: string;
  tagDefinitionName: string;
  value: string;
  isRequired: boolean;
  sourceCompartmentId: string;
  inherited: boolean;
}

export interface ExpectedFinding {
  check: string;
  scopeId: string;
}

const PRINCIPAL_NAME = '${iam.principal.name}';

/** The root first, then every ACTIVE compartment, each with its chain: itself first, the root last. */
function chains(model: TenancyModel): { id: string; path: string; chain: string[] }[] {
  const root = model.tenancy.id;
  const out = [{ id: root, path: model.tenancy.name, chain: [root] }];
  for (const c of model.compartments) {
    if (c.lifecycleState !== 'ACTIVE') continue;
    const chain: string[] = [];
    const names: string[] = [];
    for (let at = model.compartmentById.get(c.id); at; at = model.compartmentById.get(at.compartmentId)) {
      chain.push(at.id);
      names.push(at.name);
    }
    out.push({ id: c.id, path: [model.tenancy.name, ...names.reverse()].join('/'), chain: [...chain, root] });
  }
  return out;
}

const visibleDefaults = (model: TenancyModel, compartmentId: string): SimTagDefault[] =>
  model.forbiddenCompartmentIds.has(compartmentId) ? [] : (model.tagDefaultsByCompartment.get(compartmentId) ?? []);

/** One row per (compartment, definition) with a default there, own or inherited; unordered. */
export function expectedEffectiveDefaults(model: TenancyModel): ExpectedEffectiveDefault[] {
  const definitions = new Map(model.tagDefinitions.map((d) => [d.id, d]));
  const namespaces = new Map(model.tagNamespaces.map((n) => [n.id, n]));
  const out: ExpectedEffectiveDefault[] = [];
  for (const { id, path, chain } of chains(model)) {
    if (chain.some((c) => model.forbiddenCompartmentIds.has(c))) continue;
    const seen = new Set<string>();
    for (const at of chain)
      for (const d of visibleDefaults(model, at)) {
        if (seen.has(d.tagDefinitionId)) continue;
        seen.add(d.tagDefinitionId);
        const def = definitions.get(d.tagDefinitionId);
        out.push({
          compartmentId: id,
          compartmentPath: path,
          tagDefinitionId: d.tagDefinitionId,
          tagNamespaceName: (def && namespaces.get(def.tagNamespaceId)?.name) ?? '',
          tagDefinitionName: d.tagDefinitionName,
          value: d.value,
          isRequired: d.isRequired,
          sourceCompartmentId: at,
          inherited: at !== id,
        });
      }
  }
  return out;
}

/** The (check, scope) pairs of the six checks; unordered. */
export function expectedFindings(model: TenancyModel): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  const namespaces = new Map(model.tagNamespaces.map((n) => [n.id, n]));
  const definitions = new Map(model.tagDefinitions.map((d) => [d.id, d]));
  const retired = (id: string) => {
    const d = definitions.get(id);
    return !d || d.isRetired || namespaces.get(d.tagNamespaceId)!.isRetired;
  };
  const rootDefaults = model.tagDefaultsByCompartment.get(model.tenancy.id) ?? [];
  if (!rootDefaults.some((d) => d.value === PRINCIPAL_NAME && d.lifecycleState === 'ACTIVE')) out.push({ check: 'created-by-default', scopeId: model.tenancy.id });

  for (const { id, chain } of chains(model))
    for (const d of visibleDefaults(model, id)) {
      if (retired(d.tagDefinitionId)) out.push({ check: d.isRequired ? 'required-default-retired-tag' : 'default-retired-tag', scopeId: d.id });
      const above = chain.slice(1).flatMap((a) => visibleDefaults(model, a));
      if (above.some((a) => a.tagDefinitionId === d.tagDefinitionId && a.value !== d.value)) out.push({ check: 'default-overridden', scopeId: d.id });
    }

  for (const ns of model.tagNamespaces)
    if (!ns.isRetired && !model.tagDefinitions.some((d) => d.tagNamespaceId === ns.id && !d.isRetired)) out.push({ check: 'namespace-without-tags', scopeId: ns.id });

  const live = model.tagDefinitions.filter((d) => !retired(d.id));
  for (const d of live)
    if (live.some((o) => o.name !== d.name && o.name.toLowerCase() === d.name.toLowerCase())) out.push({ check: 'key-case-collision', scopeId: d.id });
  return out;
}
