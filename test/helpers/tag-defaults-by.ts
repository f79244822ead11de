import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readSnapshot, runCli, sorted, tmp, type CliResult, type SimFixture } from './cli.js';

// Collecting tag defaults by definition against the simulator, next to the documented way.

export interface WayRun {
  dir: string;
  result: CliResult;
  /** Every ListTagDefaults request of the run (retries included), and those without a compartment. */
  calls: number;
  byDefinitionCalls: number;
  /** What the run says about how it listed tag defaults (snapshot metadata). */
  listing: Record<string, any>;
}

/** One collect with these extra flags, counting its tag-default requests on the simulator. */
export async function collectWay(f: SimFixture, ...more: string[]): Promise<WayRun> {
  const dir = tmp();
  f.sim.resetStats();
  const result = await runCli(f.args(dir, '--quiet', ...more));
  const stats = f.sim.stats();
  const calls = stats.byRoute['ListTagDefaults']?.requests ?? 0;
  const byCompartment = Object.values(stats.tagDefaultsRequestsByCompartment).reduce((a, b) => a + b, 0);
  return { dir, result, calls, byDefinitionCalls: calls - byCompartment, listing: readSnapshot(dir)['metadata']['tag_defaults'] };
}

/** The same tag defaults, byte for byte and in the same order, and the same compartments failed. */
export function assertSameTagDefaults(documented: string, other: string): void {
  assert.equal(readFileSync(join(other, 'tag_defaults.csv'), 'utf8'), readFileSync(join(documented, 'tag_defaults.csv'), 'utf8'), 'tag_defaults.csv');
  const failed = (dir: string) => sorted(readCsv(dir, 'failures.csv').map((r) => `${r['phase']} ${r['scope_id']} ${r['http_status']}`));
  assert.deepEqual(failed(other), failed(documented), 'failures.csv');
}

/** The summary as one line: its wrapping is layout, not content. */
export const summaryOf = (dir: string) => readFileSync(join(dir, 'growth_collection_summary.txt'), 'utf8').replace(/\s+/g, ' ');
