import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunOutput } from '../src/output/index.js';
import { compartments, findings, project, tagDefaults } from '../src/resources/index.js';

// Reading a kind back while the run still writes: what analysis streams from instead of memory.

const meta = { tool: 't', version: 'v', tenancyId: 't', region: 'r', startedAt: new Date(0), complete: true, timings: {}, requests: {} };

async function withOutput(fn: (out: RunOutput, dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-rows-'));
  try {
    await fn(await RunOutput.open(dir), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

test('rows() gives back every row written so far, as the snapshot holds them, and writing goes on', () =>
  withOutput(async (out, dir) => {
    assert.deepEqual(await collect(out.rows(tagDefaults)), [], 'nothing written yet');
    // Enough rows to pass the write stream's buffer, written without awaiting: rows() must wait for them.
    const batch = Array.from({ length: 3000 }, (_, i) => ({ id: `td${i}`, compartmentId: 'c', value: `v "${i}"\n`, isRequired: i % 2 === 0 }));
    void out.write(tagDefaults, batch);
    const back = await collect(out.rows(tagDefaults));
    assert.deepEqual(back, batch.map((r) => project(tagDefaults, r)));
    // Rows written while reading are not seen half-way; they still reach the outputs.
    const reader = out.rows(tagDefaults)[Symbol.asyncIterator]();
    const first = await reader.next();
    await out.write(tagDefaults, [{ id: 'late', compartmentId: 'c' }]);
    let n = first.done ? 0 : 1;
    while (!(await reader.next()).done) n++;
    assert.equal(n, 3000);
    await out.write(compartments, [{ id: 'root', name: 'acme', depth: 0 }]);
    await out.finish(meta);
    const csv = await readFile(join(dir, 'tag_defaults.csv'), 'utf8');
    assert.match(csv, /\nlate,c,/);
    assert.equal(out.counts()['tag_defaults'], 3001);
  }));

test('the governance report reaches the snapshot metadata and the summary', () =>
  withOutput(async (out, dir) => {
    await out.write(findings, [{ check: 'created-by-default', severity: 'high', scopeKind: 'tenancy', scopeId: 't', scopeName: 'acme', message: 'Add a default.' }]);
    out.setGovernance({
      effective: { compartments: 5, covered: 3, rows: 7, leftOut: { unreadable: { NotAuthorizedOrNotFound: 1 }, underUnreadable: 1, ancestorNotListed: 0 }, misplacedDefaults: 0 },
      findings: {
        total: 1,
        bySeverity: { high: 1, medium: 0, low: 0, info: 0 },
        byCheck: { 'created-by-default': 1 },
        high: [{ check: 'created-by-default', severity: 'high', scopeId: 't', scopeName: 'acme', message: 'Add a default.' }],
      },
      caveats: [],
    });
    await out.finish(meta);
    const snap = JSON.parse(await readFile(join(dir, 'growth_collection_tags.json'), 'utf8'));
    assert.deepEqual(snap.metadata.governance, {
      effective_tag_defaults: { compartments: 5, covered: 3, rows: 7, left_out: { unreadable: { NotAuthorizedOrNotFound: 1 }, under_unreadable: 1, ancestor_not_listed: 0 }, misplaced_defaults: 0 },
      findings: { total: 1, by_severity: { high: 1, medium: 0, low: 0, info: 0 }, by_check: { 'created-by-default': 1 } },
      caveats: [],
    });
    assert.equal(snap.findings.length, 1);
    const summary = await readFile(join(dir, 'growth_collection_summary.txt'), 'utf8');
    assert.match(summary, /3 of 5 compartments covered: 7 rows in effective_tag_defaults\.csv/);
    assert.match(summary, /1  own tag defaults could not be read \(NotAuthorizedOrNotFound\)/);
    assert.match(summary, /Findings \(1\): 1 high, 0 medium, 0 low, 0 info/);
    assert.match(summary, /- created-by-default: Add a default\./);
  }));
