import type { ExpectedChange, GroundTruth, SimOptions } from '../../src/sim/index.js';
import { runCli, simFixture, type CliResult } from './cli.js';

/** One collection of a simulated tenancy into `outputDir` (or with `--history DIR` via `more`). */
export async function collectRun(options: SimOptions, outputDir: string, ...more: string[]): Promise<{ truth: GroundTruth; result: CliResult }> {
  const f = await simFixture({ compartments: 80, ...options });
  try {
    const args = f.args(outputDir, ...more);
    // --history replaces --output-dir.
    const i = more.includes('--history') ? args.indexOf('--output-dir') : -1;
    if (i >= 0) args.splice(i, 2);
    return { truth: f.sim.groundTruth, result: await runCli(args) };
  } finally {
    await f.sim.close();
  }
}

const KINDS = ['compartment', 'tag_namespace', 'tag_definition', 'tag_default'];
const CHANGES = ['added', 'removed', 'changed'];
const FIELD_ORDER: Record<string, string[]> = {
  compartment: ['name', 'description', 'compartment_id'],
  tag_namespace: ['name', 'description', 'is_retired'],
  tag_definition: ['name', 'description', 'is_cost_tracking', 'is_retired'],
  tag_default: ['value', 'is_required'],
};

/** The simulator's expected changes as changes.csv's (kind, change, id, field, old, new), in the contract's order. */
export function expectedRows(changes: readonly ExpectedChange[]): string[][] {
  const key = (c: ExpectedChange) => [KINDS.indexOf(c.kind), CHANGES.indexOf(c.change)];
  return [...changes]
    .sort((a, b) => {
      const [ka, ca] = key(a);
      const [kb, cb] = key(b);
      if (ka !== kb) return ka! - kb!;
      if (ca !== cb) return ca! - cb!;
      if (a.id !== b.id) return a.id < b.id ? -1 : 1;
      return FIELD_ORDER[a.kind]!.indexOf(a.field!) - FIELD_ORDER[b.kind]!.indexOf(b.field!);
    })
    .map((c) => [c.kind, c.change, c.id, c.field ?? '', c.oldValue ?? '', c.newValue ?? '']);
}
