import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, runCli, tmp } from './helpers/cli.js';
import { collectRun, expectedRows } from './helpers/runs.js';
import type { GroundTruth } from '../src/sim/index.js';

// Two collections of the same simulated tenancy, the second after `evolve` changed it in every way
// diff reports; changes.csv must hold exactly the changes the simulator logged, in the contract's order.

const SEED = 4;
const K = 3;
let before1: string;
let after1: string;
let truth: GroundTruth;
let original: GroundTruth;

before(async () => {
  before1 = tmp();
  after1 = tmp();
  const a = await collectRun({ seed: SEED }, before1);
  assert.equal(a.result.code, 0, a.result.stderr);
  original = a.truth;
  const b = await collectRun({ seed: SEED, evolve: K }, after1);
  assert.equal(b.result.code, 0, b.result.stderr);
  truth = b.truth;
});

test('the simulator changed every kind, K times each', () => {
  const count = (kind: string, change: string, field = '') => truth.changes.filter((c) => c.kind === kind && c.change === change && (c.field ?? '') === field).length;
  for (const [kind, change, field] of [
    ['compartment', 'added'], ['compartment', 'removed'], ['compartment', 'changed', 'name'], ['compartment', 'changed', 'compartment_id'], ['compartment', 'changed', 'description'],
    ['tag_namespace', 'changed', 'is_retired'], ['tag_namespace', 'changed', 'description'], ['tag_definition', 'added'], ['tag_definition', 'changed', 'description'],
    ['tag_default', 'added'], ['tag_default', 'removed'], ['tag_default', 'changed', 'value'], ['tag_default', 'changed', 'is_required'],
  ] as const) assert.equal(count(kind, change, field), K, `${kind} ${change} ${field ?? ''}`);
  // Retiring a namespace retires its definitions too.
  assert.ok(count('tag_definition', 'changed', 'is_retired') > K);
});

test('changes.csv holds exactly the expected changes, rows in order', async () => {
  const out = tmp();
  const r = await runCli(['diff', before1, after1, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rows = readCsv(out, 'changes.csv');
  assert.deepEqual(Object.keys(rows[0]!), ['kind', 'change', 'id', 'name', 'path', 'field', 'old_value', 'new_value']);
  assert.deepEqual(rows.map((r) => [r['kind'], r['change'], r['id'], r['field'], r['old_value'], r['new_value']]), expectedRows(truth.changes));
});

test('names and paths: NEW for added and changed rows, OLD for removed ones; a move is one row', async () => {
  const out = tmp();
  await runCli(['diff', before1, after1, '-o', out]);
  const rows = readCsv(out, 'changes.csv');
  const oldPaths = new Map(readCsv(before1, 'compartments.csv').map((c) => [c['id'], c['path']]));
  const newPaths = new Map(readCsv(after1, 'compartments.csv').map((c) => [c['id'], c['path']]));
  for (const r of rows.filter((r) => r['kind'] === 'compartment')) assert.equal(r['path'], (r['change'] === 'removed' ? oldPaths : newPaths).get(r['id']), r['id']);
  const moved = rows.filter((r) => r['field'] === 'compartment_id');
  assert.equal(moved.length, K);
  // The moved compartments' descendants changed path, and are no change.
  const descendants = [...newPaths].filter(([id, p]) => moved.some((m) => p!.startsWith(`${m['path']}/`)) && oldPaths.get(id) !== p);
  assert.ok(descendants.length > 0, 'a moved compartment had a subtree');
  for (const [id] of descendants) assert.ok(!rows.some((r) => r['id'] === id && r['field'] === 'compartment_id'), `descendant ${id} reported as moved`);
  const nsName = new Map(original.tagNamespaces.map((n) => [n.id, n.name]));
  for (const r of rows.filter((r) => r['kind'] === 'tag_default' && r['change'] === 'removed')) {
    const d = original.tagDefaults.find((d) => d.id === r['id'])!;
    assert.equal(r['name'], `${nsName.get(d.tagNamespaceId)}.${d.tagDefinitionName}`);
    assert.equal(r['path'], oldPaths.get(d.compartmentId));
  }
  for (const r of rows.filter((r) => r['kind'] === 'tag_namespace' || r['kind'] === 'tag_definition')) assert.equal(r['path'], '');
});

test('the summary puts moves, retirements, value and required-flag changes first; --json says the same', async () => {
  const out = tmp();
  const text = await runCli(['diff', before1, after1, '-o', out]);
  for (const heading of ['Compartments added (3)', 'Compartments removed (3)', 'Compartments moved (3)', 'Compartments renamed (3)', 'Tag namespaces retired', 'Tag definitions retired', 'Tag defaults whose value changed (3)', 'Tag defaults whose required flag flipped (3)'])
    assert.ok(text.stdout.includes(heading), heading);
  const json = await runCli(['diff', before1, after1, '-o', out, '--json']);
  assert.equal(json.code, 0);
  const result = JSON.parse(json.stdout);
  assert.equal(result.changes.compartment.added, K);
  assert.equal(result.changes.tag_default.removed, K);
  assert.equal(result.rows.length, truth.changes.length);
  assert.equal(result.counts.compartment.old, original.compartments.length + 1);
});

test('the same run compared with itself: no changes, exit 0', async () => {
  const out = tmp();
  const r = await runCli(['diff', before1, `${before1}/growth_collection_tags.json`, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readCsv(out, 'changes.csv').length, 0);
  assert.match(r.stdout, /No changes\./);
});

test('a snapshot laid out by another tool (re-indented JSON) gives the same changes', async () => {
  const out = tmp();
  const file = join(tmp(), 'reindented.json');
  writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(join(before1, 'growth_collection_tags.json'), 'utf8')), null, 1));
  const r = await runCli(['diff', file, after1, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readCsv(out, 'changes.csv').map((r) => [r['kind'], r['change'], r['id'], r['field'], r['old_value'], r['new_value']]), expectedRows(truth.changes));
});
