import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunOutput, type RunMetadata } from '../src/output/index.js';
import { compartments, failures, KINDS, project, tagDefaults, tagDefinitions, tagNamespaces, type ResourceKind, type Row } from '../src/resources/index.js';

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-snapshot-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const rows: [ResourceKind, Row[]][] = [
  [compartments, [
    { id: 'ocid1.tenancy.oc1..t', name: 'acme', description: 'root', lifecycleState: 'ACTIVE', timeCreated: new Date(Date.UTC(2020, 0, 1)), depth: 0, path: 'acme' },
    { id: 'c1', name: 'line\nbreak "q" \u2028 é', compartmentId: 'ocid1.tenancy.oc1..t', lifecycleState: 'ACTIVE', depth: 1, path: 'acme/x', extraField: 'dropped' },
  ]],
  [tagNamespaces, [{ id: 'ns1', name: 'Ops', isRetired: false, compartmentId: 'ocid1.tenancy.oc1..t' }]],
  [tagDefinitions, []],
  [tagDefaults, Array.from({ length: 3 }, (_, i) => ({ id: `td${i}`, compartmentId: 'c1', isRequired: i === 0, value: '${iam.principal.name}' }))],
  [failures, [{ phase: 'tag_definitions', scopeId: 'ns2', operation: 'ListTags', serviceCode: 'Timeout', message: 'no answer in 30 s', attempts: 4 }]],
];

test('the snapshot is valid JSON holding the metadata and exactly the projected rows', () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir, { runId: 'snap' });
    for (const [kind, batch] of rows) await out.write(kind, batch);
    const meta: RunMetadata = {
      tool: 'oci-growth',
      version: '1.2.3',
      tenancyId: 'ocid1.tenancy.oc1..t',
      region: 'eu-frankfurt-1',
      endpoint: 'http://127.0.0.1:1',
      startedAt: new Date(Date.UTC(2025, 0, 1, 10)),
      finishedAt: new Date(Date.UTC(2025, 0, 1, 10, 2)),
      complete: false,
      timings: { compartments: 5, tagDefaults: 70 },
      requests: { total: 10, throttled: 2, retried: 1, failedScopes: 1 },
      extra: { interrupted: false, limiter: { maxLimit: 64 }, complete: 'ignored: core fields win' },
    };
    await out.finish(meta);
    const json = JSON.parse(await readFile(join(dir, 'growth_collection_tags.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['metadata', ...KINDS.filter((k) => k.snapshot !== false).map((k) => k.key)]);
    assert.deepEqual(json['metadata'], {
      tool: 'oci-growth',
      version: '1.2.3',
      run_id: 'snap',
      tenancy_id: 'ocid1.tenancy.oc1..t',
      tenancy_name: 'acme',
      region: 'eu-frankfurt-1',
      endpoint: 'http://127.0.0.1:1',
      started_at: '2025-01-01T10:00:00.000Z',
      finished_at: '2025-01-01T10:02:00.000Z',
      complete: false,
      counts: { compartments: 2, tag_namespaces: 1, tag_definitions: 0, tag_defaults: 3, effective_tag_defaults: 0, findings: 0, resources: 0, resource_tags: 0, tag_coverage: 0, cost_by_tag: 0, cost_by_month: 0, failures: 1 },
      timings_ms: { compartments: 5, tag_defaults: 70 },
      requests: { total: 10, throttled: 2, retried: 1, failed_scopes: 1 },
      interrupted: false,
      limiter: { max_limit: 64 },
    });
    for (const [kind, batch] of rows) assert.deepEqual(json[kind.key], batch.map((r) => project(kind, r)), kind.key);
  }));

test('one row per line, so the snapshot diffs and greps well', () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir);
    for (const [kind, batch] of rows) await out.write(kind, batch);
    await out.finish({ tool: 't', version: 'v', tenancyId: 't', region: 'r', startedAt: new Date(0), complete: true, timings: {}, requests: {} });
    const text = await readFile(join(dir, 'growth_collection_tags.json'), 'utf8');
    const rowLines = text.split('\n').filter((l) => l.startsWith('    {'));
    assert.equal(rowLines.length, 7);
    assert.match(text, /"tag_definitions": \[\],\n/);
    assert.ok(text.endsWith('\n}\n'));
  }));
