import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readSnapshot, runCli, simFixture, sorted, tmp, type SimFixture } from './helpers/cli.js';

// The analysis end to end: a real collection against the simulator, whose answers are worked out
// from its own model, not by src/analyze.

const CHECKS = ['created-by-default', 'required-default-retired-tag', 'default-retired-tag', 'default-overridden', 'namespace-without-tags', 'key-case-collision'];

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 300, forbidden: 12, seed: 11 });
});
after(() => f.sim.close());

test('effective tag defaults and findings equal the simulator\'s; forbidden subtrees are left out and counted', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--quiet'));
  assert.equal(r.code, 3, r.stderr);
  const gt = f.sim.groundTruth;

  const effective = readCsv(out, 'effective_tag_defaults.csv');
  const line = (e: Record<string, unknown>) =>
    [e['compartmentId'], e['compartmentPath'], e['tagDefinitionId'], e['tagNamespaceName'], e['tagDefinitionName'], e['value'], String(e['isRequired']), e['sourceCompartmentId'], String(e['inherited'])].join('|');
  const got = effective.map((e) =>
    line({
      compartmentId: e['compartment_id'],
      compartmentPath: e['compartment_path'],
      tagDefinitionId: e['tag_definition_id'],
      tagNamespaceName: e['tag_namespace_name'],
      tagDefinitionName: e['tag_definition_name'],
      value: e['value'],
      isRequired: e['is_required'],
      sourceCompartmentId: e['source_compartment_id'],
      inherited: e['inherited'],
    }),
  );
  const expected = gt.effectiveTagDefaults().map(line);
  assert.equal(got.length, expected.length, 'effective row count');
  assert.deepEqual(sorted(got), sorted(expected));

  // Tree order: compartments as compartments.csv lists them, each one's rows together.
  const order = readCsv(out, 'compartments.csv').map((c) => c['id']!);
  const seen = [...new Set(effective.map((e) => e['compartment_id']!))];
  assert.deepEqual(seen, order.filter((id) => seen.includes(id)));

  // Left out: every forbidden compartment and everything below one, nothing else.
  const parent = new Map(gt.compartments.map((c) => [c.id, c.compartmentId]));
  const forbidden = new Set(gt.forbiddenCompartmentIds);
  const underForbidden = (id: string): boolean => forbidden.has(id) || (parent.has(id) && underForbidden(parent.get(id)!));
  const leftOut = order.filter(underForbidden);
  assert.ok(leftOut.length > forbidden.size, 'some forbidden compartment has a subtree');
  const covered = new Set(seen);
  for (const id of leftOut) assert.ok(!covered.has(id));

  const findings = readCsv(out, 'findings.csv');
  const pairs = (xs: { check?: string; scopeId?: string }[]) => sorted(xs.map((x) => `${x.check} ${x.scopeId}`));
  assert.deepEqual(pairs(findings.filter((x) => CHECKS.includes(x['check']!)).map((x) => ({ check: x['check'], scopeId: x['scope_id'] }))), pairs(gt.findings()));
  assert.deepEqual(sorted(new Set(findings.map((x) => x['check']!))), sorted(CHECKS), 'the simulator plants every check');
  for (const x of findings) {
    assert.match(x['severity']!, /^(high|medium|low|info)$/);
    assert.ok(x['scope_name'] && x['message'], 'every finding names its scope and says what to do');
  }

  const summary = readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8');
  const left = leftOut.length;
  assert.match(summary, new RegExp(`${order.length - left} of ${order.length} compartments covered`));
  assert.match(summary, new RegExp(`${forbidden.size}  own tag defaults could not be read \\(NotAuthorizedOrNotFound\\)`));
  assert.match(summary, new RegExp(`${left - forbidden.size}  below a compartment whose tag defaults could not be read`));
  assert.match(summary, /Findings \(\d+\): [1-9]\d* high, [1-9]\d* medium, [1-9]\d* low, [1-9]\d* info/);
  assert.match(summary, /created-by-default: The root compartment/);

  const snap = readSnapshot(out);
  assert.equal(snap['findings'].length, findings.length);
  assert.equal(snap['effective_tag_defaults'].length, effective.length);
  assert.equal(snap['metadata']['governance']['findings']['total'], findings.length);
  assert.equal(snap['metadata']['governance']['effective_tag_defaults']['left_out']['unreadable']['NotAuthorizedOrNotFound'], forbidden.size);
});

test('findings never make a complete run partial', async () => {
  const sim = await simFixture({ compartments: 40, seed: 2 });
  try {
    const out = tmp();
    const r = await runCli(sim.args(out, '--quiet'));
    assert.equal(r.code, 0, r.stderr);
    assert.ok(readCsv(out, 'findings.csv').some((x) => x['severity'] === 'high'));
    assert.equal(readSnapshot(out)['metadata']['complete'], true);
    assert.match(readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8'), /COMPLETE/);
  } finally {
    await sim.sim.close();
  }
});
