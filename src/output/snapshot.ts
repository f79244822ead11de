// Assembles growth_collection_tags.json from the metadata and the kinds' fragments without ever
// holding the rows: the metadata is written, then each fragment is copied in as its array's body.
import { createReadStream } from 'node:fs';
import type { FileSink } from './sink.js';

export interface SnapshotPart {
  key: string;
  /** The fragment file (see fragment.ts). */
  path: string;
  rows: number;
}

export async function writeSnapshot(sink: FileSink, metadata: Record<string, unknown>, parts: readonly SnapshotPart[]): Promise<void> {
  // Nested one level under the root object; JSON.stringify escapes newlines in strings, so re-indenting
  // by line is safe.
  await sink.write(`{\n  "metadata": ${JSON.stringify(metadata, null, 2).replace(/\n/g, '\n  ')}`);
  for (const part of parts) {
    await sink.write(`,\n  ${JSON.stringify(part.key)}: [`);
    try {
      for await (const chunk of createReadStream(part.path)) await sink.write(chunk as Buffer);
    } catch (e) {
      throw sink.fail(e);
    }
    await sink.write(part.rows ? '\n  ]' : ']');
  }
  await sink.write('\n}\n');
  await sink.close();
}
