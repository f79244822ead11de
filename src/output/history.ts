// `collect --history DIR`: one directory per run, named by its UTC start time so names sort by time,
// and DIR/latest pointing at the newest finished one (what `report DIR` and people reach for).
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { directoryError } from './directory.js';

export const LATEST = 'latest';

/** `2026-11-29T21-46-00Z`: no colons, which some file systems and tools refuse. */
export const runStamp = (at: Date) => at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/** Creates DIR/<stamp>/ (with a suffix if a run started in the same second) and returns it. */
export async function newHistoryRun(dir: string, at = new Date()): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw directoryError(dir, e);
  }
  const stamp = runStamp(at);
  for (let n = 1; ; n++) {
    const run = join(dir, n === 1 ? stamp : `${stamp}-${n}`);
    try {
      await mkdir(run);
      return run;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw directoryError(run, e);
    }
  }
}

/** Swaps DIR/latest to the run in one rename; where symlinks are refused, a file naming the run. */
export async function pointLatest(dir: string, runDir: string): Promise<void> {
  const temp = join(dir, `.${LATEST}.${process.pid}.tmp`);
  await rm(temp, { force: true });
  try {
    await symlink(basename(runDir), temp, 'dir');
  } catch {
    await writeFile(temp, `${basename(runDir)}\n`);
  }
  await rename(temp, join(dir, LATEST));
}
