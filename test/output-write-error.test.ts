import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputWriteError, RunOutput, type Opener, type RunMetadata } from '../src/output/index.js';
import { compartments, tagDefaults } from '../src/resources/index.js';

const meta = (): RunMetadata => ({ tool: 'oci-growth', version: '0.0.0', tenancyId: 't', region: 'r', startedAt: new Date(0), complete: true, timings: {}, requests: {} });
const noDevFull = existsSync('/dev/full') ? false : 'no /dev/full on this system';

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-enospc-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes to `file`'s temporary go to /dev/full, which fails every write with ENOSPC: a full disk. */
const fullDiskFor = (file: string): Opener => (path) => (path.includes(`.${file}.`) ? open('/dev/full', 'w') : open(path, 'wx'));

function isDiskFull(file: string) {
  return (e: unknown) => {
    assert.ok(e instanceof OutputWriteError, String(e));
    assert.equal(e.file, file);
    assert.equal(e.code, 'ENOSPC');
    assert.match(e.message, new RegExp(`^could not write ${file.replace('.', '\\.')} in .*: no space left on device \\(ENOSPC\\)$`));
    return true;
  };
}

test('a full disk while streaming rows fails the write with the file name, not a hang', { skip: noDevFull, timeout: 5000 }, () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir, { opener: fullDiskFor('tag_defaults.csv') });
    const batch = Array.from({ length: 2000 }, (_, i) => ({ id: `td${i}`, compartmentId: 'c', value: 'v'.repeat(100) }));
    // Enough data to fill the stream buffers: the failure must reach a waiting write().
    await assert.rejects(async () => {
      for (let i = 0; i < 20; i++) await out.write(tagDefaults, batch);
    }, isDiskFull('tag_defaults.csv'));
    await assert.rejects(out.finish(meta()), isDiskFull('tag_defaults.csv'));
    assert.deepEqual(await readdir(dir), [], 'finish() cleans up after a failed run');
  }));

test('a full disk noticed only at finish() fails it and leaves no output behind', { skip: noDevFull, timeout: 5000 }, () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir, { opener: fullDiskFor('compartments.csv') });
    await out.write(compartments, [{ id: 't', name: 'root', depth: 0 }]);
    await assert.rejects(out.finish(meta()), isDiskFull('compartments.csv'));
    assert.deepEqual(await readdir(dir), []);
  }));

test('a full disk while writing the snapshot fails finish() naming the snapshot', { skip: noDevFull, timeout: 5000 }, () =>
  withDir(async (dir) => {
    const out = await RunOutput.open(dir, { opener: fullDiskFor('growth_collection_tags.json') });
    await out.write(compartments, [{ id: 't', name: 'root', depth: 0 }]);
    await assert.rejects(out.finish(meta()), isDiskFull('growth_collection_tags.json'));
    assert.deepEqual(await readdir(dir), []);
  }));
