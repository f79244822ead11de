import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OUTPUT_FILES, OutputDirError, RunOutput, type RunMetadata } from '../src/output/index.js';

const meta = (): RunMetadata => ({ tool: 'oci-growth', version: '0.0.0', tenancyId: 'ocid1.tenancy.oc1..t', region: 'r', startedAt: new Date(0), complete: true, timings: {}, requests: {} });

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-dir-'));
  try {
    await fn(dir);
  } finally {
    await chmod(dir, 0o700).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line, naming the directory: what the CLI prints. */
function oneLine(e: unknown, dir: string, pattern: RegExp) {
  assert.ok(e instanceof OutputDirError, String(e));
  assert.equal(e.name, 'OutputDirError');
  assert.ok(!e.message.includes('\n'));
  assert.ok(e.message.includes(dir));
  assert.match(e.message, pattern);
  return true;
}

test('a directory holding an earlier run\'s outputs is refused without force', () =>
  withDir(async (dir) => {
    await (await RunOutput.open(dir)).finish(meta());
    await assert.rejects(RunOutput.open(dir), (e) => oneLine(e, dir, /already holds the outputs of an earlier run.*--force/));
    const again = await RunOutput.open(dir, { force: true });
    await again.abort();
  }));

test('other files, and a missing directory, are fine', () =>
  withDir(async (dir) => {
    await writeFile(join(dir, 'README'), 'x');
    await (await RunOutput.open(dir)).abort();
    const nested = join(dir, 'a', 'b');
    await (await RunOutput.open(nested)).finish(meta());
    assert.equal((await readdir(nested)).length, OUTPUT_FILES.length);
  }));

test('a file where the directory should be is refused', () =>
  withDir(async (dir) => {
    const file = join(dir, 'out');
    await writeFile(file, 'x');
    await assert.rejects(RunOutput.open(file), (e) => oneLine(e, file, /is a file/));
    await assert.rejects(RunOutput.open(join(file, 'sub')), (e) => oneLine(e, join(file, 'sub'), /part of the path is a file/));
  }));

test('a directory in the way of an output name is refused even with force', () =>
  withDir(async (dir) => {
    await mkdir(join(dir, 'failures.csv'));
    await assert.rejects(RunOutput.open(dir, { force: true }), (e) => oneLine(e, dir, /failures\.csv is in the way/));
  }));

test('an unwritable directory is refused, and leaves nothing behind', () =>
  withDir(async (dir) => {
    let opened = 0;
    // The fourth file fails: the three already created must be removed again.
    const denied = async (path: string) => {
      if (opened++ === 3) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return open(path, 'wx');
    };
    await assert.rejects(RunOutput.open(dir, { opener: denied }), (e) => oneLine(e, dir, /not writable: permission denied \(EACCES\)/));
    assert.equal(opened, 4);
    assert.deepEqual(await readdir(dir), []);
  }));

// Modes do not stop root, and CI runs as root: there the check runs in a child process as nobody
// (a skip would count as a pass).
const OPEN_AS_USER = fileURLToPath(new URL('./fixtures/open-output-dir.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('an unwritable directory is refused by its mode', () =>
  withDir(async (dir) => {
    if (process.getuid?.() !== 0) {
      await chmod(dir, 0o500);
      return void (await assert.rejects(RunOutput.open(dir), (e) => oneLine(e, dir, /not writable/)));
    }
    await chmod(dir, 0o555);
    const r = spawnSync(process.execPath, ['--import', 'tsx', OPEN_AS_USER, dir], { uid: 65534, gid: 65534, cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `output directory ${dir} is not writable: permission denied (EACCES)\n`);
  }));
