import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { RunOutput, type RunMetadata } from '../src/output/index.js';
import { columnNames, compartments, failures, KINDS, tagDefinitions } from '../src/resources/index.js';

const meta = (): RunMetadata => ({ tool: 'oci-growth', version: '0.0.0', tenancyId: 'ocid1.tenancy.oc1..t', region: 'us-ashburn-1', startedAt: new Date(0), complete: true, timings: {}, requests: {} });

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-csv-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const HOSTILE = ['a,b', 'say "hi"', 'line1\nline2', 'cr\rlf\r\n', 'Zürich – 東京 🚀', '=SUM(A1:A2)', ' padded ', '', '"', 'tab\there'];

test('hostile text survives the CSV round trip exactly', () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir);
    const rows = HOSTILE.map((v, i) => ({ id: `c${i}`, name: v, description: v, compartmentId: 'p', lifecycleState: 'ACTIVE', depth: i, path: `root/${v}` }));
    await out.write(compartments, rows);
    await out.finish(meta());
    const text = await readFile(join(dir, 'compartments.csv'), 'utf8');
    const parsed = parse(text, { columns: true }) as Record<string, string>[];
    assert.equal(parsed.length, HOSTILE.length);
    parsed.forEach((r, i) => {
      assert.equal(r['name'], HOSTILE[i]);
      assert.equal(r['description'], HOSTILE[i]);
      assert.equal(r['path'], `root/${HOSTILE[i]}`);
      assert.equal(r['depth'], String(i));
    });
    // Not escaped with a quote prefix: the CSV holds the tenancy's data as it is.
    assert.match(text, /\n[^\n]*,=SUM\(A1:A2\),/);
  }));

test('every file has its header even when empty', () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir);
    await out.finish(meta());
    for (const kind of KINDS) assert.equal(await readFile(join(dir, kind.file), 'utf8'), `${columnNames(kind).join(',')}\n`, kind.file);
  }));

test('booleans are true/false, timestamps ISO, absent values empty, integers plain', () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir);
    await out.write(tagDefinitions, [
      { id: 'd1', name: 'n', tagNamespaceId: 'ns', tagNamespaceName: 'NS', isCostTracking: true, isRetired: false, lifecycleState: 'ACTIVE', timeCreated: new Date(Date.UTC(2024, 1, 29, 12, 30)) },
      { id: 'd2', name: 'm', tagNamespaceId: 'ns', tagNamespaceName: 'NS', isCostTracking: false, isRetired: undefined, lifecycleState: null, timeCreated: '2023-05-01T00:00:00.000Z' },
    ]);
    await out.write(failures, [{ phase: 'tag_defaults', scopeId: 's', operation: 'ListTagDefaults', httpStatus: 404, serviceCode: 'NotAuthorizedOrNotFound', message: 'm', attempts: 1 }]);
    await out.finish(meta());
    const defs = (await readFile(join(dir, 'tag_definitions.csv'), 'utf8')).split('\n');
    assert.equal(defs[1], 'd1,n,,ns,NS,true,false,ACTIVE,2024-02-29T12:30:00.000Z');
    assert.equal(defs[2], 'd2,m,,ns,NS,false,,,2023-05-01T00:00:00.000Z');
    const fails = (await readFile(join(dir, 'failures.csv'), 'utf8')).split('\n');
    assert.equal(fails[1], 'tag_defaults,s,ListTagDefaults,404,NotAuthorizedOrNotFound,m,1,,');
  }));
