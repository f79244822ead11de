import type { Argv, CommandModule } from 'yargs';
import { CHANGE_COLUMNS, countChanges, diffSnapshots } from '../analyze/diff.js';
import { requireComparable, requireOneTenancy } from '../analyze/comparable.js';
import { compartmentPath, DIFF_KINDS, indexRun, kindCounts, type SnapshotIndex } from '../analyze/snapshot-index.js';
import { csvText, writeFileAtomic } from '../output/atomic-file.js';
import { renderDiffSummary } from '../output/diff-summary.js';

interface DiffArgs {
  old: string;
  new: string;
  outputDir: string;
  json: boolean;
  allowPartial: boolean;
}

export const CHANGES_FILE = 'changes.csv';

export const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff <old> <new>',
  describe: 'Compare two runs (directories or their growth_collection_tags.json): summary on stdout, changes.csv in --output-dir',
  builder: (y: Argv) =>
    y
      .positional('old', { type: 'string', describe: 'The earlier run' })
      .positional('new', { type: 'string', describe: 'The later run' })
      .option('output-dir', { alias: 'o', type: 'string', default: '.', describe: 'Where changes.csv goes' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable result on stdout instead of the summary' })
      .option('allow-partial', { type: 'boolean', default: false, describe: 'Compare partial runs, leaving out the tag defaults of compartments that failed on either side' }) as unknown as Argv<DiffArgs>,
  handler: async (args) => {
    process.exitCode = await runDiff(args);
  },
};

const pathOf = (index: SnapshotIndex) => (id: string) => compartmentPath(index, id);

async function runDiff(args: DiffArgs): Promise<number> {
  const older = await indexRun(args.old);
  const newer = await indexRun(args.new);
  requireOneTenancy([older.meta, newer.meta]);
  requireComparable(older, args.allowPartial);
  requireComparable(newer, args.allowPartial);
  const result = diffSnapshots(older, newer);
  const csvPath = await writeFileAtomic(args.outputDir, CHANGES_FILE, csvText(CHANGE_COLUMNS, result.rows.map((r) => CHANGE_COLUMNS.map((c) => r[c]))));
  const oldCounts = kindCounts(older);
  const newCounts = kindCounts(newer);
  const counts = Object.fromEntries(DIFF_KINDS.map((k) => [k.kind, { old: oldCounts[k.kind], new: newCounts[k.kind] }])) as Parameters<typeof renderDiffSummary>[0]['counts'];
  if (args.json) {
    const run = (i: SnapshotIndex) => ({ file: i.meta.file, runId: i.meta.runId, finishedAt: i.meta.finishedAt, complete: i.meta.complete });
    const out = { tenancyId: newer.meta.tenancyId, old: run(older), new: run(newer), counts, changes: countChanges(result.rows), leftOut: result.leftOut, changesCsv: csvPath, rows: result.rows };
    process.stdout.write(JSON.stringify(out) + '\n');
  } else {
    process.stdout.write(renderDiffSummary({ old: older.meta, new: newer.meta, counts, result, oldPath: pathOf(older), newPath: pathOf(newer), csvPath }));
  }
  return 0;
}
