import assert from 'node:assert/strict';
import type { Simulator } from '../../src/sim/index.js';
import { readCsv, readSnapshot, sorted } from './cli.js';
import { assertServiceTruth } from './service-truth.js';
import { assertGovernanceMatches } from './governance-truth.js';

/**
 * Asserts that the files in `dir` hold exactly the simulator's tenancy: same ids in every file, same
 * values (CSV-hostile ones included) for every tag default, each default on its compartment, and the
 * JSON snapshot saying the same as the CSVs. Forbidden compartments' defaults must be absent from the
 * data and present in failures.csv, never silently missing; effective defaults and findings are the
 * simulator's own.
 */
export function assertMatchesGroundTruth(sim: Simulator, dir: string): void {
  const gt = sim.groundTruth;
  const forbidden = new Set(gt.forbiddenCompartmentIds);
  const comps = readCsv(dir, 'compartments.csv');
  assert.deepEqual(sorted(comps.map((c) => c['id'])), sorted([gt.tenancy.id, ...gt.compartments.map((c) => c.id)]), 'compartment ids');
  const byId = new Map(comps.map((c) => [c['id'], c]));
  for (const c of gt.compartments) {
    const row = byId.get(c.id)!;
    assert.equal(row['name'], c.name);
    assert.equal(row['description'], c.description);
    assert.equal(row['compartment_id'], c.compartmentId);
  }
  assert.equal(byId.get(gt.tenancy.id)!['depth'], '0');

  const ns = readCsv(dir, 'tag_namespaces.csv');
  assert.deepEqual(sorted(ns.map((n) => n['id'])), sorted(gt.tagNamespaces.map((n) => n.id)), 'namespace ids');

  const defs = readCsv(dir, 'tag_definitions.csv');
  assert.deepEqual(sorted(defs.map((d) => `${d['tag_namespace_id']}/${d['id']}`)), sorted(gt.tagDefinitions.map((d) => `${d.tagNamespaceId}/${d.id}`)), 'definitions');

  const defaults = readCsv(dir, 'tag_defaults.csv');
  const expected = gt.tagDefaults.filter((d) => !forbidden.has(d.compartmentId));
  assert.equal(defaults.length, expected.length, 'tag default count');
  const got = new Map(defaults.map((d) => [d['id'], d]));
  for (const d of expected) {
    const row = got.get(d.id);
    assert.ok(row, `tag default ${d.id} missing`);
    assert.equal(row['value'], d.value, `value of ${d.id}`);
    assert.equal(row['compartment_id'], d.compartmentId);
    assert.equal(row['tag_definition_id'], d.tagDefinitionId);
    assert.equal(row['is_required'], String(d.isRequired));
  }

  const failures = readCsv(dir, 'failures.csv');
  assert.deepEqual(sorted(failures.filter((f) => f['phase'] === 'tag_defaults').map((f) => f['scope_id'])), sorted(forbidden), 'failed scopes are exactly the forbidden ones');
  assert.equal(failures.filter((f) => f['phase'] !== 'tag_defaults').length, 0, 'no failures outside tag defaults');

  const snap = readSnapshot(dir);
  assert.equal(snap['metadata']['complete'], forbidden.size === 0);
  assert.deepEqual(sorted(snap['tag_defaults'].map((d: { id: string }) => d.id)), sorted(defaults.map((d) => d['id'])), 'snapshot = CSV');
  assert.equal(snap['compartments'].length, comps.length);
  assertServiceTruth(sim, dir);
  assertGovernanceMatches(sim, dir);
}
