// One pass over the tree: effective defaults and findings written as they are found, in batches, so
// neither is ever held whole. Findings come in scope order: the tenancy, namespaces, definitions, then
// tag defaults in compartment order, each scope's in check order.
import type { Row } from '../resources/index.js';
import type { Catalog } from './catalog.js';
import { TreeWalk, type CompartmentView, type LeftOut } from './effective.js';
import { CHECKS, checksFor, SCOPES, SEVERITIES, type Check, type ScopeKind, type Severity, type Subjects } from './findings/index.js';
import { byCodeUnit, type CompartmentRecord, type DefaultRecord } from './records.js';

export interface GovernanceInput {
  /** Tree order: the root first, every compartment after its parent, subtrees contiguous. */
  compartments: AsyncIterable<CompartmentRecord>;
  /** Each compartment's own defaults, grouped, in the compartments' order. */
  defaults: AsyncIterable<DefaultRecord>;
  catalog: Catalog;
  /** Compartments whose own tag defaults could not be read, with the error code. */
  unreadable: ReadonlyMap<string, string>;
}

/** Where rows go; each call may wait (backpressure). Rows use the kinds' fields. */
export interface GovernanceSink {
  effective(rows: Row[]): Promise<void>;
  findings(rows: Row[]): Promise<void>;
}

export interface FindingSummary {
  check: string;
  severity: Severity;
  scopeId: string;
  scopeName: string;
  message: string;
}

export interface GovernanceReport {
  effective: {
    /** Compartments walked, the root included. */
    compartments: number;
    /** Compartments whose effective set is known (rows or none). */
    covered: number;
    rows: number;
    /** Compartments left out, by reason; `unreadable` by error code. */
    leftOut: { unreadable: Record<string, number>; underUnreadable: number; ancestorNotListed: number };
    /** Tag defaults whose compartment did not come up where they stood (should never happen). */
    misplacedDefaults: number;
  };
  findings: {
    total: number;
    bySeverity: Record<Severity, number>;
    byCheck: Record<string, number>;
    /** The first high-severity findings, for the summary. */
    high: FindingSummary[];
  };
  /** What could not be checked, and why (a failed listing leaves a check without its input). */
  caveats: string[];
}

export const HIGH_SHOWN = 10;
const BATCH = 100;

export async function analyzeGovernance(input: GovernanceInput, sink: GovernanceSink): Promise<GovernanceReport> {
  const { catalog } = input;
  const report = emptyReport();
  const effective = new Batch(sink.effective);
  const findings = new Batch(sink.findings);
  const emit = async <K extends ScopeKind>(kind: K, subject: Subjects[K]) => {
    for (const check of checksFor(kind)) if (check.rule(subject, catalog)) await findings.add(finding(check, kind, subject, catalog, report));
  };

  let catalogChecked = false;
  const checkCatalog = async () => {
    if (catalogChecked) return;
    catalogChecked = true;
    for (const ns of sortedBy(catalog.namespaces.values(), (n) => [n.name, n.id])) await emit('tag_namespace', ns);
    for (const d of sortedBy(catalog.definitions.values(), (d) => [d.tag_namespace_name, d.name, d.id])) await emit('tag_definition', d);
  };

  const walk = new TreeWalk(input.compartments, input.defaults, (id) => input.unreadable.has(id));
  for await (const view of walk.views()) {
    report.effective.compartments++;
    if (view.compartment.compartment_id === null) {
      if (view.own) await emit('tenancy', view as Subjects['tenancy']);
      else report.caveats.push('created-by-default not checked: the root compartment\'s own tag defaults could not be read');
    }
    await checkCatalog();
    count(report, view, input.unreadable);
    if (view.effective) {
      const rows = effectiveRows(view, catalog);
      report.effective.rows += rows.length;
      for (const r of rows) await effective.add(r);
    }
    for (const d of sortedBy(view.own ?? [], (d) => [catalog.namespaceName(d.tag_namespace_id), d.tag_definition_name, d.id])) await emit('tag_default', { default: d, compartment: view });
  }
  await checkCatalog();
  await effective.flush();
  await findings.flush();
  report.effective.misplacedDefaults = walk.misplaced;
  report.caveats.push(...catalogCaveats(catalog));
  return report;
}

function emptyReport(): GovernanceReport {
  return {
    effective: { compartments: 0, covered: 0, rows: 0, leftOut: { unreadable: {}, underUnreadable: 0, ancestorNotListed: 0 }, misplacedDefaults: 0 },
    // Every check listed, in declaration order: a zero says "checked, nothing found".
    findings: { total: 0, bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>, byCheck: Object.fromEntries(CHECKS.map((c) => [c.id, 0])), high: [] },
    caveats: [],
  };
}

function count(report: GovernanceReport, view: CompartmentView, unreadable: ReadonlyMap<string, string>): void {
  const left = report.effective.leftOut;
  const reason: LeftOut | undefined = view.leftOut;
  if (reason === undefined) report.effective.covered++;
  else if (reason === 'unreadable') {
    const code = unreadable.get(view.compartment.id) || 'Unknown';
    left.unreadable[code] = (left.unreadable[code] ?? 0) + 1;
  } else if (reason === 'under-unreadable') left.underUnreadable++;
  else left.ancestorNotListed++;
}

/** The compartment's effective set, ordered by namespace name, key name, then definition id. */
export function effectiveRows(view: CompartmentView, catalog: Catalog): Row[] {
  const c = view.compartment;
  return sortedBy(view.effective?.values() ?? [], (w) => [catalog.namespaceName(w.default.tag_namespace_id), w.default.tag_definition_name, w.default.tag_definition_id]).map((w) => ({
    compartmentId: c.id,
    compartmentPath: c.path,
    tagDefinitionId: w.default.tag_definition_id,
    tagNamespaceName: catalog.namespaceName(w.default.tag_namespace_id),
    tagDefinitionName: w.default.tag_definition_name,
    value: w.default.value,
    isRequired: w.default.is_required,
    sourceCompartmentId: w.source,
    inherited: w.source !== c.id,
  }));
}

function finding<K extends ScopeKind>(check: Check<K>, kind: K, subject: Subjects[K], catalog: Catalog, report: GovernanceReport): Row {
  const scope = scopeOf(kind, subject, catalog);
  const f: FindingSummary = { check: check.id, severity: check.severity, scopeId: scope.id, scopeName: scope.name, message: check.message(subject, catalog) };
  const r = report.findings;
  r.total++;
  r.bySeverity[f.severity]++;
  r.byCheck[f.check] = (r.byCheck[f.check] ?? 0) + 1;
  if (f.severity === 'high' && r.high.length < HIGH_SHOWN) r.high.push(f);
  return { ...f, scopeKind: kind };
}

function scopeOf<K extends ScopeKind>(kind: K, subject: Subjects[K], catalog: Catalog): { id: string; name: string } {
  return (SCOPES[kind] as (s: Subjects[K], c: Catalog) => { id: string; name: string })(subject, catalog);
}

function catalogCaveats(catalog: Catalog): string[] {
  const out: string[] = [];
  if (catalog.namespacesUnlisted)
    out.push('tag namespaces could not all be listed: namespace-without-tags and key-case-collision cover only those listed, and defaults on tags of unlisted namespaces are not checked for retired tags');
  const unlisted = [...catalog.namespaces.keys()].filter((id) => !catalog.definitionsKnown(id)).length;
  if (unlisted)
    out.push(`the tag definitions of ${unlisted} namespace${unlisted === 1 ? '' : 's'} could not be listed: those namespaces and the defaults on their tags are not checked, and key-case-collision covers only the definitions listed`);
  return out;
}

/** Sorted by a tuple of texts in code-unit order (a copy; the input may be any iterable). */
function sortedBy<T>(items: Iterable<T>, key: (item: T) => string[]): T[] {
  const keyed = [...items].map((item) => ({ item, k: key(item) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const c = byCodeUnit(a.k[i]!, b.k[i]!);
      if (c) return c;
    }
    return 0;
  });
  return keyed.map((x) => x.item);
}

/**
 * Rows gathered into batches of a hundred: one write call per batch, not per row, and a batch with its
 * formatted text stays well inside the CLI's small young generation (see heap-flags.ts), so it dies
 * there instead of being copied and promoted.
 */
class Batch {
  readonly #write: (rows: Row[]) => Promise<void>;
  #rows: Row[] = [];

  constructor(write: (rows: Row[]) => Promise<void>) {
    this.#write = write;
  }

  async add(row: Row): Promise<void> {
    this.#rows.push(row);
    if (this.#rows.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.#rows.length) return;
    const rows = this.#rows;
    this.#rows = [];
    await this.#write(rows);
  }
}
