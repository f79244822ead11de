// The output contract's file names and the temporary names they are written under.
import { KINDS } from '../resources/index.js';

export const SNAPSHOT_FILE = 'growth_collection_tags.json';
export const SUMMARY_FILE = 'growth_collection_summary.txt';

/** Every file a finished run leaves in the output directory, in the order they are put in place. */
export const OUTPUT_FILES: readonly string[] = [...KINDS.map((k) => k.file), SNAPSHOT_FILE, SUMMARY_FILE];

/**
 * Hidden (leading dot) and tagged with the run id, so temporaries never look like outputs, two runs
 * can never clash, and a crashed run's leftovers are recognisable.
 */
export function tempName(file: string, runId: string): string {
  return `.${file}.${runId}.tmp`;
}
