import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_FILES, RunOutput, type RunMetadata } from '../src/output/index.js';
import { compartments, tagDefaults } from '../src/resources/index.js';

const meta = (): RunMetadata => ({ tool: 'oci-growth', version: '0.0.0', tenancyId: 'ocid1.tenancy.oc1..t', region: 'us-ashburn-1', startedAt: new Date(0), complete: true, timings: {}, requests: {} });
const root = { id: 'ocid1.tenancy.oc1..t', name: 'acme', depth: 0, path: 'acme' };

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-atomic-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('no final name exists before finish(); after it only the outputs remain', () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir, { runId: 'r1' });
    await out.write(compartments, [root]);
    const during = await readdir(dir);
    assert.deepEqual(during.filter((f) => OUTPUT_FILES.includes(f)), []);
    assert.ok(during.length > 0 && during.every((f) => f.startsWith('.') && f.endsWith('.r1.tmp')), during.join());
    const { files } = await out.finish(meta());
    assert.deepEqual(files, OUTPUT_FILES.map((f) => join(dir, f)));
    assert.deepEqual((await readdir(dir)).sort(), [...OUTPUT_FILES].sort());
  }));

test('abort() removes every temporary and leaves an earlier run\'s outputs alone', () =>
  withDir(async (dir) => {
    await writeFile(join(dir, 'compartments.csv'), 'old\n');
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    const out = await RunOutput.open(dir, { force: true });
    await out.write(compartments, [root]);
    await out.write(tagDefaults, [{ id: 'd', compartmentId: root.id }]);
    await out.abort();
    assert.deepEqual((await readdir(dir)).sort(), ['compartments.csv', 'notes.txt']);
    assert.equal(await readFile(join(dir, 'compartments.csv'), 'utf8'), 'old\n');
    await assert.rejects(out.write(compartments, [root]), /after abort/);
  }));

test('with force, earlier outputs are replaced at finish(), not before', () =>
  withDir(async (dir) => {
    for (const f of OUTPUT_FILES) await writeFile(join(dir, f), 'old\n');
    const out = await RunOutput.open(dir, { force: true });
    await out.write(compartments, [root]);
    for (const f of OUTPUT_FILES) assert.equal(await readFile(join(dir, f), 'utf8'), 'old\n', f);
    await out.finish(meta());
    for (const f of OUTPUT_FILES) assert.notEqual(await readFile(join(dir, f), 'utf8'), 'old\n', f);
    assert.match(await readFile(join(dir, 'compartments.csv'), 'utf8'), /^id,name,.*\nocid1\.tenancy\.oc1\.\.t,acme,/);
  }));

test('concurrent batches of one kind are written whole, in call order', () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir);
    const batch = (b: number) => Array.from({ length: 500 }, (_, i) => ({ id: `d${b}-${i}`, compartmentId: `c${b}`, value: 'x'.repeat(200) }));
    await Promise.all([1, 2, 3].map((b) => out.write(tagDefaults, batch(b))));
    assert.equal(out.counts()['tag_defaults'], 1500);
    await out.finish(meta());
    const lines = (await readFile(join(dir, 'tag_defaults.csv'), 'utf8')).trim().split('\n').slice(1);
    assert.deepEqual(lines.map((l) => l.split(',')[1]), [...Array(500).fill('c1'), ...Array(500).fill('c2'), ...Array(500).fill('c3')]);
  }));
