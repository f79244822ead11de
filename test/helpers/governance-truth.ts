import assert from 'node:assert/strict';
import type { Simulator } from '../../src/sim/index.js';
import { readCsv, sorted } from './cli.js';

// The analysis files against the simulator's own answers. Its answers treat the forbidden compartments
// as unreadable; a run that also failed (or was interrupted) elsewhere must leave those subtrees out
// too, and may then miss findings, but never claim one the simulator does not have.

export const CHECKS = ['created-by-default', 'required-default-retired-tag', 'default-retired-tag', 'default-overridden', 'namespace-without-tags', 'key-case-collision'];

const effectiveLine = (e: Record<string, unknown>) =>
  [e['compartment_id'], e['compartment_path'], e['tag_definition_id'], e['tag_namespace_name'], e['tag_definition_name'], e['value'], String(e['is_required']), e['source_compartment_id'], String(e['inherited'])].join('|');

export function assertGovernanceMatches(sim: Simulator, dir: string): { effective: Record<string, string>[]; findings: Record<string, string>[] } {
  const gt = sim.groundTruth;
  const failed = new Set(readCsv(dir, 'failures.csv').filter((f) => f['phase'] === 'tag_defaults').map((f) => f['scope_id']!));
  const forbidden = new Set(gt.forbiddenCompartmentIds);
  const partial = [...failed].some((id) => !forbidden.has(id));
  const parent = new Map(gt.compartments.map((c) => [c.id, c.compartmentId]));
  const known = (id: string): boolean => !failed.has(id) && (!parent.has(id) || known(parent.get(id)!));

  const effective = readCsv(dir, 'effective_tag_defaults.csv');
  const expected = gt
    .effectiveTagDefaults()
    .filter((e) => known(e.compartmentId))
    .map((e) =>
      effectiveLine({
        compartment_id: e.compartmentId,
        compartment_path: e.compartmentPath,
        tag_definition_id: e.tagDefinitionId,
        tag_namespace_name: e.tagNamespaceName,
        tag_definition_name: e.tagDefinitionName,
        value: e.value,
        is_required: e.isRequired,
        source_compartment_id: e.sourceCompartmentId,
        inherited: e.inherited,
      }),
    );
  assert.equal(effective.length, expected.length, 'effective tag default rows');
  assert.deepEqual(sorted(effective.map(effectiveLine)), sorted(expected), 'effective tag defaults');

  const findings = readCsv(dir, 'findings.csv');
  const got = sorted(findings.filter((x) => CHECKS.includes(x['check']!)).map((x) => `${x['check']} ${x['scope_id']}`));
  const want = sorted(gt.findings().map((x) => `${x.check} ${x.scopeId}`));
  if (!partial) assert.deepEqual(got, want, 'findings (check, scope)');
  else for (const g of got) assert.ok(want.includes(g), `finding ${g} is not the simulator's`);
  return { effective, findings };
}
