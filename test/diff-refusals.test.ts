import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, runCli, tmp } from './helpers/cli.js';
import { collectRun } from './helpers/runs.js';
import type { GroundTruth } from '../src/sim/index.js';

// What diff refuses, each with exit 2 and one line: partial runs (unless --allow-partial, which
// leaves out what failed and says so), two tenancies, unreadable or foreign files.

const SEED = 5;
let complete: string;
let partial: string;
let otherTenancy: string;
let partialTruth: GroundTruth;

before(async () => {
  [complete, partial, otherTenancy] = [tmp(), tmp(), tmp()];
  const a = await collectRun({ seed: SEED }, complete);
  assert.equal(a.result.code, 0, a.result.stderr);
  // Same tenancy (the forbidden draw has its own stream), but some compartments' defaults unreadable.
  const b = await collectRun({ seed: SEED, forbidden: 12 }, partial);
  assert.equal(b.result.code, 3, b.result.stderr);
  partialTruth = b.truth;
  const c = await collectRun({ seed: SEED + 1 }, otherTenancy);
  assert.equal(c.result.code, 0, c.result.stderr);
});

function assertOneLine(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

test('a partial run on either side is refused with one line', async () => {
  const out = tmp();
  assertOneLine(await runCli(['diff', complete, partial, '-o', out]), /partial.*--allow-partial/);
  assertOneLine(await runCli(['diff', partial, complete, '-o', out]), /partial.*--allow-partial/);
});

test('--allow-partial leaves out the failed compartments\' tag defaults and names those compartments', async () => {
  const forbidden = new Set(partialTruth.forbiddenCompartmentIds);
  const lost = partialTruth.tagDefaults.filter((d) => forbidden.has(d.compartmentId));
  assert.ok(lost.length > 0, 'some forbidden compartment has defaults, or this test could not fail');
  const out = tmp();
  const r = await runCli(['diff', complete, partial, '-o', out, '--allow-partial']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readCsv(out, 'changes.csv'), [], 'the unreadable defaults are not reported as removed');
  assert.match(r.stdout, /Left out/);
  const paths = new Map(readCsv(complete, 'compartments.csv').map((c) => [c['id'], c['path']]));
  for (const id of forbidden) assert.ok(r.stdout.includes(`${paths.get(id)} (${id})`), `names ${id}`);
  const json = JSON.parse((await runCli(['diff', partial, complete, '-o', out, '--allow-partial', '--json'])).stdout);
  assert.deepEqual(json.leftOut.compartments, [...forbidden].sort());
});

test('snapshots of two tenancies are refused', async () => {
  assertOneLine(await runCli(['diff', complete, otherTenancy, '-o', tmp()]), /different tenancies/);
});

test('missing, unreadable, invalid or foreign input: exit 2, one line', async () => {
  const dir = tmp();
  const garbage = join(dir, 'garbage.json');
  writeFileSync(garbage, '{"metadata": {"tenancy_id": "x",\n broken');
  const foreign = join(dir, 'foreign.json');
  writeFileSync(foreign, JSON.stringify({ name: 'not ours', items: [1, 2] }));
  const array = join(dir, 'array.json');
  writeFileSync(array, '[1, 2, 3]\n');
  const emptyDir = join(dir, 'empty');
  mkdirSync(emptyDir);
  assertOneLine(await runCli(['diff', join(dir, 'nope'), complete]), /cannot read .*nope: no such file/);
  assertOneLine(await runCli(['diff', complete, garbage]), /garbage\.json is not valid JSON/);
  assertOneLine(await runCli(['diff', foreign, complete]), /foreign\.json is not an oci-growth snapshot/);
  assertOneLine(await runCli(['diff', array, complete]), /array\.json is not an oci-growth snapshot/);
  assertOneLine(await runCli(['diff', emptyDir, complete]), /holds no growth_collection_tags\.json/);
  if (process.getuid?.() !== 0) {
    const locked = join(dir, 'locked.json');
    writeFileSync(locked, '{}');
    chmodSync(locked, 0);
    assertOneLine(await runCli(['diff', locked, complete]), /cannot read/);
  }
});
