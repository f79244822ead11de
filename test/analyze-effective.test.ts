import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, def, ns, ROOT, type Fixture } from './helpers/governance.js';

// Effective tag defaults: own plus ancestors', nearest wins, unknowable subtrees left out.

const ops = ns('ns-ops', 'Ops');
const env = def('d-env', ops, 'Env');
const owner = def('d-owner', ops, 'Owner');
const cc = def('d-cc', ops, 'CostCenter');

/** compartment → "definition=value@source(inherited)" in output order. */
function table(rows: Record<string, unknown>[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of rows)
    (out[String(r['compartmentId'])] ??= []).push(`${r['tagDefinitionName']}=${r['value']}@${r['sourceCompartmentId']}${r['inherited'] ? '^' : ''}${r['isRequired'] ? '!' : ''}`);
  return out;
}

test('own plus ancestors\', the nearest default winning for one definition; the root is a row too', async () => {
  const { effective, report } = await analyze({
    tree: [['a', ROOT], ['a1', 'a'], ['a1x', 'a1'], ['b', ROOT]],
    namespaces: [ops],
    definitions: [env, owner, cc],
    defaults: [[ROOT, 'd-env', 'prod'], [ROOT, 'd-owner', 'it'], ['a', 'd-env', 'dev', true], ['a1', 'd-cc', '42'], ['a1x', 'd-env', 'dev']],
  });
  assert.deepEqual(table(effective), {
    [ROOT]: [`Env=prod@${ROOT}`, `Owner=it@${ROOT}`],
    a: ['Env=dev@a!', `Owner=it@${ROOT}^`],
    a1: ['CostCenter=42@a1', 'Env=dev@a^!', `Owner=it@${ROOT}^`],
    a1x: ['CostCenter=42@a1^', 'Env=dev@a1x', `Owner=it@${ROOT}^`],
    b: [`Env=prod@${ROOT}^`, `Owner=it@${ROOT}^`],
  });
  assert.equal(effective[0]!['compartmentPath'], 'root');
  assert.equal(effective.find((r) => r['compartmentId'] === 'a1x')!['compartmentPath'], 'root/a/a1/a1x');
  assert.equal(effective.find((r) => r['compartmentId'] === 'a1x')!['tagNamespaceName'], 'Ops');
  assert.deepEqual(report.effective, { compartments: 5, covered: 5, rows: 12, leftOut: { unreadable: {}, underUnreadable: 0, ancestorNotListed: 0 }, misplacedDefaults: 0 });
});

test('a compartment whose own defaults could not be read leaves out its whole subtree, and only that', async () => {
  const { effective, report } = await analyze({
    tree: [['a', ROOT], ['a1', 'a'], ['a1x', 'a1'], ['a2', 'a'], ['b', ROOT], ['b1', 'b']],
    namespaces: [ops],
    definitions: [env],
    defaults: [[ROOT, 'd-env', 'prod'], ['a1x', 'd-env', 'x'], ['b', 'd-env', 'dev']],
    unreadable: { a1: 'NotAuthorizedOrNotFound', b1: 'Timeout' },
  });
  assert.deepEqual(Object.keys(table(effective)), [ROOT, 'a', 'a2', 'b']);
  assert.deepEqual(report.effective.leftOut, { unreadable: { NotAuthorizedOrNotFound: 1, Timeout: 1 }, underUnreadable: 1, ancestorNotListed: 0 });
  assert.equal(report.effective.covered, 4);
});

test('rows of an unreadable compartment (pages before the failure) are not used', async () => {
  const { effective } = await analyze({
    tree: [['a', ROOT], ['b', ROOT]],
    definitions: [env],
    namespaces: [ops],
    defaults: [['a', 'd-env', 'partial'], ['b', 'd-env', 'dev']],
    unreadable: { a: 'Timeout' },
  });
  assert.deepEqual(table(effective), { b: ['Env=dev@b'] });
});

test('the root unreadable: nothing is known anywhere', async () => {
  const { effective, report } = await analyze({ tree: [['a', ROOT]], defaults: [['a', 'd-env', 'x']], unreadable: { [ROOT]: 'NotAuthorizedOrNotFound' } });
  assert.deepEqual(effective, []);
  assert.deepEqual(report.effective.leftOut, { unreadable: { NotAuthorizedOrNotFound: 1 }, underUnreadable: 1, ancestorNotListed: 0 });
});

test('a compartment whose parent was not listed (and its subtree) is left out; the tree goes on after it', async () => {
  const { effective, report } = await analyze({
    tree: [['a', ROOT], ['orphan', 'hidden'], ['orphan1', 'orphan'], ['b', ROOT]],
    defaults: [[ROOT, 'd-env', 'prod'], ['orphan', 'd-env', 'x']],
    definitions: [env],
    namespaces: [ops],
  });
  assert.deepEqual(Object.keys(table(effective)), [ROOT, 'a', 'b']);
  assert.equal(report.effective.leftOut.ancestorNotListed, 2);
});

test('defaults on definitions that were not collected still apply (the namespace name is then empty)', async () => {
  const { effective } = await analyze({ tree: [['a', ROOT]], defaults: [[ROOT, 'd-gone', 'v']] });
  assert.deepEqual(table(effective), { [ROOT]: [`d-gone=v@${ROOT}`], a: [`d-gone=v@${ROOT}^`] });
  assert.equal(effective[0]!['tagNamespaceName'], '');
});

test('deep trees: a 1,000-level chain gets every ancestor\'s default, nearest first', async () => {
  const depth = 1000;
  const defs = Array.from({ length: 30 }, (_, i) => def(`d${i}`, ops, `K${String(i).padStart(2, '0')}`));
  const tree: [string, string][] = Array.from({ length: depth }, (_, i) => [`c${i + 1}`, i ? `c${i}` : ROOT]);
  // Every 25th compartment sets one of the 30 keys, so the deepest one inherits all 30 from varied depths.
  const defaults: Fixture['defaults'] = tree.filter((_, i) => i % 25 === 0).map(([id], i) => [id, `d${i % 30}`, `v-${id}`]);
  const { effective, report } = await analyze({ tree, namespaces: [ops], definitions: defs, defaults });
  const leaf = effective.filter((r) => r['compartmentId'] === `c${depth}`);
  assert.equal(leaf.length, 30);
  // The n-th setter (c1, c26, c51, …) sets key n mod 30: the deepest setter of each key wins.
  for (const r of leaf) {
    const i = Number(String(r['tagDefinitionId']).slice(1));
    const nearest = Math.max(...[i, i + 30].filter((n) => n * 25 < depth).map((n) => n * 25 + 1));
    assert.equal(r['sourceCompartmentId'], `c${nearest}`);
    assert.equal(r['value'], `v-c${nearest}`);
  }
  assert.equal(report.effective.covered, depth + 1);
});

test('random trees: the streamed result equals walking every compartment\'s parents', async () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const defs = Array.from({ length: 8 }, (_, i) => def(`d${i}`, ops, `K${i}`));
  // Parents picked among earlier compartments, then laid out depth-first as the collector writes them.
  const parent = new Map<string, string>();
  const kids = new Map<string, string[]>([[ROOT, []]]);
  for (let i = 0; i < 400; i++) {
    const ids = [...kids.keys()];
    const p = ids[Math.floor(rand() * ids.length)]!;
    const id = `c${i}`;
    parent.set(id, p);
    kids.get(p)!.push(id);
    kids.set(id, []);
  }
  const tree: [string, string][] = [];
  const visit = (id: string) => kids.get(id)!.forEach((k) => (tree.push([k, id]), visit(k)));
  visit(ROOT);
  const defaults: Fixture['defaults'] = [];
  for (const id of [ROOT, ...tree.map(([c]) => c)]) for (const d of defs) if (rand() < 0.1) defaults.push([id, d.id, `${id}:${d.id}`]);
  const unreadable = Object.fromEntries(tree.filter(() => rand() < 0.03).map(([c]) => [c, 'NotAuthorizedOrNotFound']));
  const { effective } = await analyze({ tree, namespaces: [ops], definitions: defs, defaults, unreadable });

  const own = new Map<string, Map<string, string>>();
  for (const [c, d, v] of defaults) (own.get(c) ?? own.set(c, new Map()).get(c)!).set(d, v);
  const expected: string[] = [];
  for (const id of [ROOT, ...tree.map(([c]) => c)]) {
    const chain: string[] = [];
    for (let at: string | undefined = id; at; at = parent.get(at)) chain.push(at);
    if (chain.some((c) => c in unreadable)) continue;
    for (const d of defs) {
      const source = chain.find((c) => own.get(c)?.has(d.id));
      if (source) expected.push(`${id} ${d.id} ${own.get(source)!.get(d.id)} ${source} ${source !== id}`);
    }
  }
  const got = effective.map((r) => `${r['compartmentId']} ${r['tagDefinitionId']} ${r['value']} ${r['sourceCompartmentId']} ${r['inherited']}`);
  assert.deepEqual(got.sort(), expected.sort());
  assert.ok(expected.length > 500, 'the tree is not trivial');
});

test('defaults that do not follow the compartment order are counted, not silently dropped', async () => {
  const { report } = await analyze({ tree: [['a', ROOT]], defaults: [['elsewhere', 'd-env', 'x']] });
  assert.equal(report.effective.misplacedDefaults, 1);
});
