import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSummary, RunOutput, type RunMetadata, type SummaryInput } from '../src/output/index.js';
import { compartments, failures, tagDefaults, tagDefinitions, tagNamespaces } from '../src/resources/index.js';

const meta = (over: Partial<RunMetadata> = {}): RunMetadata => ({
  tool: 'oci-growth',
  version: '1.0.0',
  tenancyId: 'ocid1.tenancy.oc1..aaaa',
  region: 'us-ashburn-1',
  startedAt: new Date(Date.UTC(2025, 0, 1, 10, 0, 0)),
  finishedAt: new Date(Date.UTC(2025, 0, 1, 10, 2, 5)),
  complete: false,
  timings: { compartments: 850, tag_defaults: 118_000, total: 125_000 },
  requests: { total: 4120, throttled: 12, retried: 10, failedScopes: 3 },
  ...over,
});

const partial: SummaryInput = {
  meta: meta(),
  runId: 'run-1',
  counts: { compartments: 2001, tag_namespaces: 2, tag_definitions: 17, tag_defaults: 834, failures: 3 },
  tenancyName: 'acme',
  namespaces: [
    { id: 'ns1', name: 'Legacy', retired: true, definitions: 3, retiredDefinitions: 1 },
    { id: 'ns2', name: 'Operations', retired: false, definitions: 14, retiredDefinitions: 0 },
  ],
  compartments: { total: 2001, withDefaults: 312, top: [{ id: 'c1', name: 'app1', path: 'acme/prod/app1', defaults: 20 }] },
  failures: [
    { phase: 'tag_defaults', serviceCode: 'TooManyRequests', count: 2, examples: [{ scopeId: 'ocid1.compartment.oc1..x', operation: 'ListTagDefaults', httpStatus: 429, message: 'Too many requests\u001b[31m' }] },
    { phase: 'tag_definitions', serviceCode: 'NotAuthorizedOrNotFound', count: 1, examples: [{ scopeId: 'ocid1.tagnamespace.oc1..y', operation: 'ListTags', httpStatus: 404, message: 'not found' }] },
  ],
};

test('a partial run says so first, with the failure count and what to do', () => {
  const text = renderSummary(partial);
  const lines = text.split('\n');
  const verdict = lines.findIndex((l) => l.includes('PARTIAL'));
  assert.ok(verdict > 0 && verdict < lines.findIndex((l) => l.startsWith('Collected')), 'verdict before the numbers');
  assert.match(text, /##\s+PARTIAL {2}- {2}DATA IS MISSING\s+##/);
  assert.match(text, /3 failures recorded in failures\.csv/);
  assert.match(text, /TooManyRequests \(2\): OCI throttled/);
  assert.match(text, /NotAuthorizedOrNotFound \(1\): the principal's IAM policies/);
  assert.match(text, /--resume/);
  assert.doesNotMatch(text, /COMPLETE/);
  assert.ok(!text.includes('\u001b'), 'no terminal escapes from the data');
  assert.ok(lines.every((l) => l.length <= 80), 'fits a terminal');
  assert.ok(text.endsWith('\n'));
});

test('the sections carry the numbers a person looks for', () => {
  const text = renderSummary(partial);
  assert.match(text, /Tenancy {4}acme\n {11}ocid1\.tenancy\.oc1\.\.aaaa\n/);
  assert.match(text, /Finished .*\(2 min 5 s\)/);
  assert.match(text, /compartments +2,001 +compartments\.csv/);
  assert.match(text, /Tag namespaces \(2, 1 retired\)/);
  assert.match(text, /\n +3 +Legacy +\[RETIRED, 1 of 3 retired\]/);
  assert.match(text, /\n +14 +Operations\n/);
  assert.match(text, /312 of 2,001 compartments set tag defaults of their own; 1,689 set none/);
  assert.match(text, /\n +20 +acme\/prod\/app1\n/);
  assert.match(text, /\n +2 +tag_defaults +TooManyRequests\n +ListTagDefaults HTTP 429: Too many requests \[31m\n +ocid1\.compartment\.oc1\.\.x\n/);
  assert.match(text, /\n +\.\.\. 1 more in failures\.csv/);
  assert.match(text, /tag defaults +1 min 58 s/);
  assert.match(text, /compartments +850 ms/);
  assert.match(text, /failed scopes +3/);
});

test('a complete run says COMPLETE and lists no failures', () => {
  const text = renderSummary({ ...partial, meta: meta({ complete: true }), counts: { ...partial.counts, failures: 0 }, failures: [] });
  assert.match(text, /COMPLETE/);
  assert.doesNotMatch(text, /PARTIAL|Failures \(/);
});

test('an interrupted run is called that, even without failures', () => {
  const text = renderSummary({ ...partial, meta: meta({ complete: false, extra: { interrupted: true } }), counts: { ...partial.counts, failures: 0 }, failures: [] });
  assert.match(text, /INTERRUPTED/);
  assert.match(text, /no failure recorded/);
});

test('RunOutput gathers the summary from the rows it streams', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-summary-'));
  try {
    const out = await RunOutput.open(dir);
    const comps = [{ id: 'root', name: 'acme', depth: 0, path: 'acme' }, ...Array.from({ length: 14 }, (_, i) => ({ id: `c${i}`, name: `app${i}`, compartmentId: 'root', depth: 1, path: `acme/app${i}` }))];
    await out.write(compartments, comps);
    await out.write(tagNamespaces, [{ id: 'ns1', name: 'Ops', isRetired: false }, { id: 'ns2', name: 'Old', isRetired: true }]);
    await out.write(tagDefinitions, [{ id: 'd1', tagNamespaceId: 'ns1', tagNamespaceName: 'Ops' }, { id: 'd2', tagNamespaceId: 'ns1', tagNamespaceName: 'Ops' }, { id: 'd3', tagNamespaceId: 'ns2', tagNamespaceName: 'Old', isRetired: true }]);
    // c0 gets 12 defaults, c1..c11 one fewer each: twelve compartments with defaults, the top ten shown.
    for (let i = 0; i < 12; i++) await out.write(tagDefaults, Array.from({ length: 12 - i }, (_, j) => ({ id: `td${i}-${j}`, compartmentId: `c${i}` })));
    await out.write(failures, [{ phase: 'tag_defaults', scopeId: 'c13', operation: 'ListTagDefaults', serviceCode: 'Timeout', message: 'timed out', attempts: 4 }]);
    await out.finish(meta({ tenancyId: 'root' }));
    const text = await readFile(join(dir, 'growth_collection_summary.txt'), 'utf8');
    assert.match(text, /Tenancy {4}acme\n {11}root\n/);
    assert.match(text, /Tag namespaces \(2, 1 retired\)/);
    assert.match(text, /\n +1 +Old +\[RETIRED, 1 of 1 retired\]\n +2 +Ops\n/);
    assert.match(text, /12 of 15 compartments set tag defaults of their own; 3 set none/);
    const top = [...text.matchAll(/\n +(\d+) +acme\/app(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.deepEqual(top, Array.from({ length: 10 }, (_, i) => [12 - i, i]));
    assert.match(text, /\n +1 +tag_defaults +Timeout\n +ListTagDefaults: timed out\n +c13\n/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
