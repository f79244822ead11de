// Reads a growth_collection_tags.json back one row at a time. The writer (output/snapshot.ts) puts
// every row on its own line, so the fast path parses line by line and never holds the file; anything
// laid out otherwise (re-indented by a tool, hand-written) falls back to one JSON.parse of the whole.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { UsageError } from '../errors.js';
import { SNAPSHOT_FILE } from '../output/files.js';

export type Row = Record<string, unknown>;
export type RowSink = (kind: string, row: Row) => void;

/** What every consumer needs from the metadata; the rest stays in `raw`. */
export interface SnapshotMeta {
  file: string;
  tenancyId: string;
  tenancyName: string | null;
  runId: string;
  finishedAt: string;
  complete: boolean;
  interrupted: boolean;
  counts: Record<string, number>;
  raw: Record<string, unknown>;
}

/** A run directory or the snapshot itself; a directory without one is bad input. */
export async function snapshotPath(input: string): Promise<string> {
  let s;
  try {
    s = await stat(input);
  } catch (e) {
    throw new UsageError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
  if (!s.isDirectory()) return input;
  const file = join(input, SNAPSHOT_FILE);
  try {
    await stat(file);
  } catch {
    throw new UsageError(`${input} holds no ${SNAPSHOT_FILE}: not a finished oci-growth run directory`);
  }
  return file;
}

class NotLineFormat extends Error {}

const KIND_LINE = /^ {2}"((?:[^"\\]|\\.)+)": \[(\])?,?$/;
const KIND_END = /^ {2}\],?$/;

function toMeta(file: string, raw: unknown): SnapshotMeta {
  const m = raw as Record<string, unknown> | null;
  const str = (k: string) => (typeof m?.[k] === 'string' ? (m[k] as string) : undefined);
  const tenancyId = str('tenancy_id');
  const finishedAt = str('finished_at');
  if (!m || typeof m !== 'object' || !tenancyId || !finishedAt || typeof m['complete'] !== 'boolean')
    throw new UsageError(`${file} is not an oci-growth snapshot (its metadata lacks tenancy_id, finished_at or complete)`);
  const counts = m['counts'] && typeof m['counts'] === 'object' ? (m['counts'] as Record<string, number>) : {};
  return {
    file,
    tenancyId,
    tenancyName: str('tenancy_name') ?? null,
    runId: str('run_id') ?? basename(file),
    finishedAt,
    complete: m['complete'] as boolean,
    interrupted: m['interrupted'] === true,
    counts,
    raw: m,
  };
}

/** The fast path; throws NotLineFormat as soon as a line is not where the writer would put it. */
async function readLines(file: string, onRow: RowSink | undefined): Promise<unknown> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let state: 'start' | 'metadata' | 'rows' | 'between' | 'end' = 'start';
  const head: string[] = [];
  let metadata: unknown;
  let kind = '';
  try {
    for await (const line of lines) {
      if (state === 'start') {
        if (line !== '{') throw new NotLineFormat();
        state = 'metadata';
      } else if (state === 'metadata' || state === 'between') {
        const k = KIND_LINE.exec(line);
        if (k) {
          if (state === 'metadata') {
            metadata = (JSON.parse(`{${head.join('\n').replace(/,$/, '')}}`) as { metadata?: unknown }).metadata;
            if (!onRow) return metadata;
          }
          kind = JSON.parse(`"${k[1]}"`) as string;
          state = k[2] ? 'between' : 'rows';
        } else if (state === 'metadata') head.push(line);
        else if (line === '}') state = 'end';
        else throw new NotLineFormat();
      } else if (state === 'rows') {
        if (KIND_END.test(line)) state = 'between';
        else onRow!(kind, JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as Row);
      } else if (line.trim() !== '') throw new NotLineFormat();
    }
  } catch (e) {
    if (e instanceof SyntaxError) throw new NotLineFormat();
    throw e;
  } finally {
    // Stopping after the metadata must not leave the file open: a report may read hundreds of runs.
    lines.close();
    input.destroy();
  }
  if (state === 'metadata' && head.length) {
    // Metadata only, or all on one line: let the whole-file parse decide.
    throw new NotLineFormat();
  }
  if (state !== 'end') throw new NotLineFormat();
  return metadata;
}

async function readWhole(file: string, onRow: RowSink | undefined): Promise<unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new UsageError(`${file} is not valid JSON, so not an oci-growth snapshot`);
    throw e;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`${file} is not an oci-growth snapshot (not a JSON object)`);
  const o = doc as Record<string, unknown>;
  if (onRow) {
    for (const [kind, rows] of Object.entries(o)) {
      if (kind === 'metadata' || !Array.isArray(rows)) continue;
      for (const row of rows) if (row && typeof row === 'object') onRow(kind, row as Row);
    }
  }
  return o['metadata'];
}

/**
 * Reads the snapshot's metadata and hands each row to the sink `start` makes (no `start`: the
 * metadata only, which the fast path reads without going further). Unreadable or foreign files are a UsageError (one line).
 */
export async function readSnapshot(file: string, start?: () => RowSink): Promise<SnapshotMeta> {
  let raw: unknown;
  try {
    try {
      raw = await readLines(file, start?.());
    } catch (e) {
      if (!(e instanceof NotLineFormat)) throw e;
      // A fresh sink: the fast path may have handed over some rows before it gave up.
      raw = await readWhole(file, start?.());
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
    throw e;
  }
  return toMeta(file, raw);
}
