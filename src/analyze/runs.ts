// The runs a report covers: run directories, snapshot files, or directories holding run directories
// (a --history directory). The same run reached twice (the `latest` link) counts once.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { SNAPSHOT_FILE } from '../output/files.js';
import { snapshotPath } from './read-snapshot.js';

const isFile = (p: string) => stat(p).then((s) => s.isFile(), () => false);

async function runsIn(input: string, skipped: string[]): Promise<string[]> {
  const s = await stat(input).catch(() => undefined);
  if (!s?.isDirectory() || (await isFile(join(input, SNAPSHOT_FILE)))) return [await snapshotPath(input)];
  let entries;
  try {
    entries = await readdir(input, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`cannot read ${input}: ${(e as Error).message}`);
  }
  const found: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = join(input, e.name, SNAPSHOT_FILE);
    // Unfinished runs (no snapshot yet) are not runs to report, but the caller may say so.
    if (!e.isDirectory() && !e.isSymbolicLink()) continue;
    if (await isFile(file)) found.push(file);
    else if (!e.name.startsWith('.')) skipped.push(join(input, e.name));
  }
  if (!found.length) throw new UsageError(`${input} holds no ${SNAPSHOT_FILE}, nor run directories that do`);
  return found;
}

/** Snapshot files, and the subdirectories that held none (unfinished or foreign). */
export async function findRuns(inputs: readonly string[]): Promise<{ files: string[]; skipped: string[] }> {
  const seen = new Set<string>();
  const out: string[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    for (const file of await runsIn(input, skipped)) {
      const real = await realpath(file).catch(() => file);
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(file);
    }
  }
  return { files: out, skipped };
}
