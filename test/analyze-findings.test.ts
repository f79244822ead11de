import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS } from '../src/analyze/findings/index.js';
import { analyze, def, ns, pairs, ROOT } from './helpers/governance.js';

// Each check's rule on small tenancies, edge cases included; findings never depend on what could not be read.

const oracle = ns('ns-oracle', 'Oracle-Tags');
const createdBy = def('d-createdby', oracle, 'CreatedBy');
const ops = ns('ns-ops', 'Ops');
const env = def('d-env', ops, 'Env');
const old = def('d-old', ops, 'Old', true);
const CREATED_BY: [string, string, string] = [ROOT, 'd-createdby', '${iam.principal.name}'];

test('checks are declared once each, with the ids, severities and scopes of the output contract', () => {
  assert.deepEqual(
    CHECKS.map((c) => `${c.id} ${c.severity} ${c.scopeKind}`),
    [
      'created-by-default high tenancy',
      'required-default-retired-tag high tag_default',
      'default-retired-tag medium tag_default',
      'default-overridden info tag_default',
      'namespace-without-tags low tag_namespace',
      'key-case-collision low tag_definition',
    ],
  );
});

test('created-by-default: the root without a ${iam.principal.name} default is a high finding on the tenancy', async () => {
  const without = await analyze({ tree: [['a', ROOT]], namespaces: [oracle, ops], definitions: [createdBy, env], defaults: [['a', 'd-createdby', '${iam.principal.name}'], [ROOT, 'd-env', 'x']] });
  assert.deepEqual(pairs(without.findings), [`created-by-default ${ROOT}`], 'a child\'s default does not count');
  const f = without.findings[0]!;
  assert.equal(f['severity'], 'high');
  assert.equal(f['scopeKind'], 'tenancy');
  assert.equal(f['scopeName'], 'root');
  assert.match(String(f['message']), /root compartment root .*\$\{iam\.principal\.name\}.*Add one on the root/);
  assert.deepEqual(without.report.findings.high.map((h) => h.check), ['created-by-default']);

  const withIt = await analyze({ tree: [['a', ROOT]], namespaces: [oracle], definitions: [createdBy], defaults: [CREATED_BY] });
  assert.deepEqual(withIt.findings, []);
  // Any definition will do: the rule is about the value.
  const otherKey = await analyze({ tree: [], namespaces: [ops], definitions: [env], defaults: [[ROOT, 'd-env', '${iam.principal.name}']] });
  assert.deepEqual(otherKey.findings, []);
});

test('created-by-default: not claimed when the root\'s own defaults could not be read', async () => {
  const r = await analyze({ tree: [['a', ROOT]], unreadable: { [ROOT]: 'NotAuthorizedOrNotFound' } });
  assert.deepEqual(r.findings, []);
  assert.match(r.report.caveats.join('\n'), /created-by-default not checked/);
});

test('retired tags: required defaults are high, others medium; a retired namespace retires its live definitions', async () => {
  const gone = ns('ns-gone', 'Gone', true);
  const live = def('d-live-in-retired', gone, 'StillLive');
  const r = await analyze({
    tree: [['a', ROOT]],
    namespaces: [oracle, ops, gone],
    definitions: [createdBy, env, old, live],
    defaults: [CREATED_BY, [ROOT, 'd-old', 'x', true], ['a', 'd-old', 'y'], ['a', 'd-live-in-retired', 'z', true], ['a', 'd-env', 'fine', true]],
  });
  const byId = (check: string) => r.findings.filter((f) => f['check'] === check).map((f) => f['scopeName']);
  assert.deepEqual(byId('required-default-retired-tag'), ['Ops.Old', 'Gone.StillLive']);
  assert.deepEqual(byId('default-retired-tag'), ['Ops.Old']);
  const msg = r.findings.map((f) => String(f['message']));
  assert.ok(msg.some((m) => /root\/a requires tag Gone\.StillLive .*retired namespace Gone.*Delete this tag default/.test(m)), msg.join('\n'));
  assert.equal(r.report.findings.bySeverity.high, 2);
  assert.equal(r.report.findings.bySeverity.medium, 1);
  // The retired namespace is not "without tags" (it is retired), and its live definition is not a collision candidate.
  assert.equal(byId('namespace-without-tags').length, 0);
});

test('retired tags: a default on a definition that was not collected counts, unless its namespace could not be listed', async () => {
  const base = { tree: [['a', ROOT]] as [string, string][], namespaces: [oracle, ops], definitions: [createdBy, env] };
  const missing = await analyze({ ...base, defaults: [CREATED_BY, ['a', 'd-deleted', 'v', true]] });
  assert.deepEqual(pairs(missing.findings), ['required-default-retired-tag default-1']);
  assert.match(String(missing.findings[0]!['message']), /not among the collected tag definitions/);

  // ns-unknown (the fixture's namespace for unknown definitions) is not in a complete namespace listing: still missing.
  const failedNamespace = await analyze({ ...base, defaults: [CREATED_BY, ['a', 'd-deleted', 'v', true]], gaps: { namespacesWithoutDefinitions: ['ns-unknown'] } });
  assert.deepEqual(failedNamespace.findings, []);
  const unlisted = await analyze({ ...base, defaults: [CREATED_BY, ['a', 'd-deleted', 'v']], gaps: { namespacesUnlisted: true } });
  assert.deepEqual(unlisted.findings, []);
  assert.match(unlisted.report.caveats.join('\n'), /namespaces could not all be listed/);
});

test('default-overridden: another value below an ancestor is info; the same value is not a finding', async () => {
  const r = await analyze({
    tree: [['a', ROOT], ['a1', 'a'], ['a1x', 'a1'], ['b', ROOT]],
    namespaces: [oracle, ops],
    definitions: [createdBy, env],
    defaults: [CREATED_BY, [ROOT, 'd-env', 'prod'], ['a', 'd-env', 'prod'], ['a1', 'd-env', 'dev'], ['a1x', 'd-env', 'dev'], ['b', 'd-createdby', 'someone']],
  });
  const overridden = r.findings.filter((f) => f['check'] === 'default-overridden');
  // a repeats the root's value: fine. a1 differs from a (and the root). a1x repeats a1's, but the root and a set another value.
  assert.deepEqual(overridden.map((f) => f['scopeId']), ['default-3', 'default-4', 'default-5']);
  assert.equal(overridden[0]!['severity'], 'info');
  assert.equal(overridden[0]!['scopeKind'], 'tag_default');
  assert.equal(overridden[0]!['scopeName'], 'Ops.Env');
  assert.match(String(overridden[0]!['message']), /root\/a\/a1 sets Ops\.Env = "dev", overriding "prod" set on root\/a:/);
  assert.match(String(overridden[2]!['message']), /root\/b sets Oracle-Tags\.CreatedBy = "someone", overriding "\$\{iam\.principal\.name\}" set on root:/);
});

test('default-overridden: an ancestor whose defaults could not be read is skipped, not guessed', async () => {
  const r = await analyze({
    tree: [['a', ROOT], ['a1', 'a'], ['a1x', 'a1']],
    namespaces: [oracle, ops],
    definitions: [createdBy, env],
    defaults: [CREATED_BY, [ROOT, 'd-env', 'prod'], ['a1x', 'd-env', 'dev']],
    unreadable: { a1: 'NotAuthorizedOrNotFound' },
  });
  // a1 may set Env too (unknown); the root does, with another value: that much is known.
  assert.deepEqual(r.findings.map((f) => f['check']), ['default-overridden']);
  assert.equal(r.effective.filter((e) => e['compartmentId'] === 'a1x').length, 0, 'no effective rows under a1');
});

test('namespace-without-tags: active namespaces with no live definition; not retired ones, not unlisted ones', async () => {
  const empty = ns('ns-empty', 'Empty');
  const allRetired = ns('ns-old', 'OnlyOld');
  const retiredNs = ns('ns-ret', 'Retired', true);
  const failed = ns('ns-failed', 'Failed');
  const r = await analyze({
    tree: [],
    namespaces: [oracle, empty, allRetired, retiredNs, failed],
    definitions: [createdBy, def('d-o1', allRetired, 'A', true), def('d-o2', allRetired, 'B', true)],
    defaults: [CREATED_BY],
    gaps: { namespacesWithoutDefinitions: ['ns-failed'] },
  });
  assert.deepEqual(pairs(r.findings), ['namespace-without-tags ns-empty', 'namespace-without-tags ns-old']);
  assert.match(String(r.findings[1]!['message']), /OnlyOld is active but has only 2 retired tag definitions/);
  assert.match(r.report.caveats.join('\n'), /definitions of 1 namespace could not be listed/);
});

test('key-case-collision: live definitions equal but for case, in any namespace, each a row', async () => {
  const fin = ns('ns-fin', 'Finance');
  const hr = ns('ns-hr', 'HR');
  const gone = ns('ns-gone', 'Gone', true);
  const r = await analyze({
    tree: [],
    namespaces: [oracle, ops, fin, hr, gone],
    definitions: [
      createdBy,
      def('d1', ops, 'CostCenter'),
      def('d2', fin, 'costcenter'),
      def('d3', hr, 'CostCenter'), // same as d1 exactly, but collides with d2
      def('d4', ops, 'Project'),
      def('d5', fin, 'Project'), // exact twins only: not a finding
      def('d6', hr, 'PROJECT', true), // retired: out of the group
      def('d7', gone, 'project'), // retired namespace: out of the group
    ],
    defaults: [CREATED_BY],
  });
  assert.deepEqual(pairs(r.findings), ['key-case-collision d2', 'key-case-collision d3', 'key-case-collision d1']);
  assert.equal(r.findings[0]!['scopeName'], 'Finance.costcenter');
  assert.match(String(r.findings[0]!['message']), /Finance\.costcenter differs only in case from Ops\.CostCenter, HR\.CostCenter/);
});

test('findings come in scope order: tenancy, namespaces, definitions, then tag defaults in tree order', async () => {
  const r = await analyze({
    tree: [['a', ROOT]],
    namespaces: [ns('ns-z', 'Zeta'), ops],
    definitions: [env, old, def('d-x', ops, 'env')],
    defaults: [['a', 'd-old', 'v'], [ROOT, 'd-env', 'x']],
  });
  assert.deepEqual(r.findings.map((f) => f['scopeKind']), ['tenancy', 'tag_namespace', 'tag_definition', 'tag_definition', 'tag_default']);
});
