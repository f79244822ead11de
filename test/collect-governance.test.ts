import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readSnapshot, runCli, simFixture, sorted, tmp, type SimFixture } from './helpers/cli.js';
import { assertGovernanceMatches, CHECKS } from './helpers/governance-truth.js';

// The analysis end to end: a real collection against the simulator, whose answers are worked out
// from its own model, not by src/analyze.

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

  const { effective, findings } = assertGovernanceMatches(f.sim, out);

  // Tree order: compartments as compartments.csv lists them, each one's rows together.
  const order = readCsv(out, 'compartments.csv').map((c) => c['id']!);
  const seen = [...new Set(effective.map((e) => e['compartment_id']!))];
  assert.deepEqual(seen, order.filter((id) => seen.includes(id)));
  assert.equal(effective.filter((e, i) => i === 0 || effective[i - 1]!['compartment_id'] !== e['compartment_id']).length, seen.length, 'rows of a compartment together');

  // Left out: every forbidden compartment and everything below one, nothing else.
  const parent = new Map(gt.compartments.map((c) => [c.id, c.compartmentId]));
  const forbidden = new Set(gt.forbiddenCompartmentIds);
  const underForbidden = (id: string): boolean => forbidden.has(id) || (parent.has(id) && underForbidden(parent.get(id)!));
  const leftOut = order.filter(underForbidden);
  assert.ok(leftOut.length > forbidden.size, 'some forbidden compartment has a subtree');
  const covered = new Set(seen);
  for (const id of leftOut) assert.ok(!covered.has(id));

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
