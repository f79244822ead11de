// The runs a report covers: run directories, snapshot files, or directories holding run directories
// (a --history directory). The same run reached twice (the `latest` link) counts once.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { SNAPSHOT_FILE } from '../output/files.js';
import { snapshotPath } from './read-snapshot.js';

const isFile = (p: string) => stat(p).then((s) => s.isFile(), () => false);

async function runsIn(input: string): Promise<string[]> {
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
    // Unfinished runs (no snapshot yet) are not runs to report.
    if ((e.isDirectory() || e.isSymbolicLink()) && (await isFile(file))) found.push(file);
  }
  if (!found.length) throw new UsageError(`${input} holds no ${SNAPSHOT_FILE}, nor run directories that do`);
  return found;
}

export async function findRuns(inputs: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const input of inputs) {
    for (const file of await runsIn(input)) {
      const real = await realpath(file).catch(() => file);
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(file);
    }
  }
  return out;
}
