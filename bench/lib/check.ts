// The correctness check: a contender's result against the simulator's ground truth. A fast run that
// lost, invented or duplicated anything is a failure, not a result — so every cell of the table is
// checked before its numbers are reported.
import type { Collected } from './collected.js';

/** The parts of GET /_sim/ground-truth the check needs (camelCase API objects). */
export interface GroundTruth {
  tenancy: { id: string };
  /** ACTIVE compartments, root excluded. */
  compartments: { id: string }[];
  tagNamespaces: { id: string }[];
  tagDefinitions: { id: string }[];
  /** The own defaults of every ACTIVE compartment, the root's included. */
  tagDefaults: { id: string; compartmentId: string; value: string }[];
  /** Compartments whose contents the caller may not read: their listing must be reported as failed. */
  forbiddenCompartmentIds: string[];
}

export interface CheckResult {
  ok: boolean;
  /** Human-readable, one per kind of mismatch; empty when ok. */
  problems: string[];
}

const EXAMPLES = 2;

/** Missing, extra and duplicate ids of one kind, as problem lines. */
function compareIds(kind: string, expected: Iterable<string>, got: readonly string[]): string[] {
  const want = new Set(expected);
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const id of got) (seen.has(id) ? dup.push(id) : seen.add(id));
  const missing = [...want].filter((id) => !seen.has(id));
  const extra = [...seen].filter((id) => !want.has(id));
  const out: string[] = [];
  const ex = (ids: string[]) => ids.slice(0, EXAMPLES).join(', ') + (ids.length > EXAMPLES ? ', …' : '');
  if (missing.length) out.push(`${kind}: ${missing.length} of ${want.size} missing (${ex(missing)})`);
  if (extra.length) out.push(`${kind}: ${extra.length} not in the tenancy (${ex(extra)})`);
  if (dup.length) out.push(`${kind}: ${dup.length} duplicated (${ex(dup)})`);
  return out;
}

export function checkCollected(truth: GroundTruth, got: Collected): CheckResult {
  const forbidden = new Set(truth.forbiddenCompartmentIds);
  const problems: string[] = [
    ...compareIds('compartments', [truth.tenancy.id, ...truth.compartments.map((c) => c.id)], got.compartments),
    ...compareIds('tag namespaces', truth.tagNamespaces.map((n) => n.id), got.tagNamespaces),
    ...compareIds('tag definitions', truth.tagDefinitions.map((d) => d.id), got.tagDefinitions),
  ];

  // A forbidden compartment's defaults cannot be read; everything else's must be there, values intact.
  const expectedDefaults = truth.tagDefaults.filter((d) => !forbidden.has(d.compartmentId));
  problems.push(...compareIds('tag defaults', expectedDefaults.map((d) => d.id), got.tagDefaults.map((d) => d.id)));
  const valueOf = new Map(expectedDefaults.map((d) => [d.id, d.value]));
  const wrong = got.tagDefaults.filter((d) => valueOf.has(d.id) && valueOf.get(d.id) !== d.value);
  if (wrong.length) problems.push(`tag defaults: ${wrong.length} with a wrong value (${wrong[0]!.id})`);

  // Nothing may vanish silently: each forbidden compartment must be a recorded failure…
  const failedScopes = new Set(got.failures.map((f) => f.scopeId));
  const unreported = [...forbidden].filter((id) => !failedScopes.has(id));
  if (unreported.length) problems.push(`failures: ${unreported.length} of ${forbidden.size} forbidden compartments not reported (${unreported[0]})`);
  // …and any other failure means data the run did not get (e.g. retries exhausted under throttling).
  const unexpected = got.failures.filter((f) => !forbidden.has(f.scopeId));
  if (unexpected.length) {
    const statuses = [...new Set(unexpected.map((f) => f.httpStatus ?? 'network'))].join('/');
    problems.push(`failures: ${unexpected.length} unexpected (${unexpected[0]!.phase} ${unexpected[0]!.scopeId}, HTTP ${statuses})`);
  }
  return { ok: problems.length === 0, problems };
}
