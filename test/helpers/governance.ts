import { analyzeGovernance, type GovernanceReport } from '../../src/analyze/governance.js';
import { Catalog, type CatalogGaps } from '../../src/analyze/catalog.js';
import type { CompartmentRecord, DefaultRecord, DefinitionRecord, NamespaceRecord } from '../../src/analyze/records.js';
import type { Row } from '../../src/resources/index.js';

// Small tenancies written out by hand for the analysis tests: a tree in order, defaults by compartment.

export const ROOT = 'ocid1.tenancy.oc1..root';

export interface Fixture {
  /** Tree order; parents before children. `[id, parentId]`, the root implied first. */
  tree: [string, string][];
  namespaces?: NamespaceRecord[];
  definitions?: DefinitionRecord[];
  /** Own defaults: [compartment, definition id, value, required?]. */
  defaults?: [string, string, string, boolean?][];
  unreadable?: Record<string, string>;
  gaps?: CatalogGaps;
}

export const ns = (id: string, name: string, retired = false): NamespaceRecord => ({ id, name, is_retired: retired });
export const def = (id: string, namespace: NamespaceRecord, name: string, retired = false): DefinitionRecord => ({
  id,
  name,
  tag_namespace_id: namespace.id,
  tag_namespace_name: namespace.name,
  is_retired: retired,
});

export async function* stream<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

export function compartmentsOf(tree: [string, string][]): CompartmentRecord[] {
  const paths = new Map([[ROOT, 'root']]);
  const out: CompartmentRecord[] = [{ id: ROOT, name: 'root', compartment_id: null, path: 'root' }];
  for (const [id, parent] of tree) {
    const path = `${paths.get(parent) ?? 'root/?'}/${id}`;
    paths.set(id, path);
    out.push({ id, name: id, compartment_id: parent, path });
  }
  return out;
}

export function defaultsOf(f: Fixture): DefaultRecord[] {
  const defs = new Map((f.definitions ?? []).map((d) => [d.id, d]));
  const order = compartmentsOf(f.tree).map((c) => c.id);
  const all = (f.defaults ?? []).map(([compartment, definition, value, required], i) => ({
    id: `default-${i}`,
    compartment_id: compartment,
    tag_namespace_id: defs.get(definition)?.tag_namespace_id ?? 'ns-unknown',
    tag_definition_id: definition,
    tag_definition_name: defs.get(definition)?.name ?? definition,
    value,
    is_required: required ?? false,
    lifecycle_state: 'ACTIVE',
  }));
  return all.sort((a, b) => order.indexOf(a.compartment_id) - order.indexOf(b.compartment_id));
}

export interface Analysis {
  effective: Row[];
  findings: Row[];
  report: GovernanceReport;
}

export async function analyze(f: Fixture): Promise<Analysis> {
  const effective: Row[] = [];
  const findings: Row[] = [];
  const report = await analyzeGovernance(
    {
      compartments: stream(compartmentsOf(f.tree)),
      defaults: stream(defaultsOf(f)),
      catalog: new Catalog(f.namespaces ?? [], f.definitions ?? [], f.gaps),
      unreadable: new Map(Object.entries(f.unreadable ?? {})),
    },
    { effective: async (rows) => void effective.push(...rows), findings: async (rows) => void findings.push(...rows) },
  );
  return { effective, findings, report };
}

/** `check scope_id` per finding, in output order. */
export const pairs = (findings: Row[]) => findings.map((r) => `${r['check']} ${r['scopeId']}`);
