import type { Argv, CommandModule } from 'yargs';
import { requireOneTenancy } from '../analyze/comparable.js';
import { GROWTH_COLUMNS, growthStep, type GrowthRow } from '../analyze/growth.js';
import { readSnapshot } from '../analyze/read-snapshot.js';
import { findRuns } from '../analyze/runs.js';
import { compartmentPath, indexSnapshot, type SnapshotIndex } from '../analyze/snapshot-index.js';
import type { ChangeRow } from '../analyze/diff.js';
import { csvText, writeFileAtomic } from '../output/atomic-file.js';
import { renderReportHtml } from '../output/report-html.js';
import { VERSION } from '../version.js';

interface ReportArgs {
  runs: string[];
  outputDir: string;
  json: boolean;
  quiet: boolean;
}

const lastOf = <T>(v: T | T[]): T => (Array.isArray(v) ? v[v.length - 1]! : v);

export const GROWTH_FILE = 'growth.csv';
export const REPORT_FILE = 'report.html';

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <runs..>',
  describe: 'Growth over runs (run directories, or a directory holding them): growth.csv and report.html in --output-dir',
  builder: (y: Argv) =>
    y
      // The top level takes a repeated option as its last value; here every RUN counts.
      .parserConfiguration({ 'duplicate-arguments-array': true })
      .positional('runs', { type: 'string', array: true, describe: 'Run directories, snapshots, or directories of runs (e.g. a --history directory)' })
      .option('output-dir', { alias: 'o', type: 'string', default: '.', coerce: lastOf, describe: 'Where growth.csv and report.html go' })
      .option('json', { type: 'boolean', default: false, coerce: lastOf, describe: 'Print the growth rows as JSON on stdout' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, coerce: lastOf, describe: 'Print nothing on success (for cron)' }) as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    process.exitCode = await runReport(args);
  },
};

async function runReport(args: ReportArgs): Promise<number> {
  const { files, skipped } = await findRuns(args.runs.map(String));
  if (!args.quiet) for (const dir of skipped) process.stderr.write(`oci-growth: skipping ${dir}: no growth_collection_tags.json (an unfinished run?)\n`);
  // Metadata first (cheap: the reader stops after it) to order and vet the runs before reading rows.
  const metas = await Promise.all(files.map((f) => readSnapshot(f)));
  requireOneTenancy(metas);
  const ordered = metas.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : a.runId < b.runId ? -1 : 1));
  const rows: GrowthRow[] = [];
  let previous: SnapshotIndex | undefined;
  let latest: ChangeRow[] = [];
  let paths: { oldPath?: (id: string) => string; newPath?: (id: string) => string } = {};
  // Two indexes at most at a time, whatever the number of runs.
  for (const meta of ordered) {
    const index = await indexSnapshot(meta.file);
    const step = growthStep(index, previous);
    rows.push(step.row);
    latest = step.changes;
    const older = previous;
    paths = { oldPath: older && ((id) => compartmentPath(older, id)), newPath: (id) => compartmentPath(index, id) };
    previous = index;
  }
  const last = ordered[ordered.length - 1]!;
  const csv = await writeFileAtomic(args.outputDir, GROWTH_FILE, csvText(GROWTH_COLUMNS, rows.map((r) => GROWTH_COLUMNS.map((c) => r[c] as string | number | null))));
  const html = await writeFileAtomic(
    args.outputDir,
    REPORT_FILE,
    renderReportHtml({ tenancyId: last.tenancyId, tenancyName: last.tenancyName, rows, latestChanges: latest, ...paths, generatedAt: new Date(), version: VERSION }),
  );
  if (args.json) process.stdout.write(JSON.stringify({ tenancyId: last.tenancyId, runs: rows, files: [csv, html] }) + '\n');
  else if (!args.quiet) {
    const partial = rows.filter((r) => !r.complete).length;
    process.stdout.write(`${rows.length} runs of ${last.tenancyName ?? last.tenancyId}${partial ? ` (${partial} partial)` : ''} from ${rows[0]!.finished_at} to ${last.finishedAt}\nWritten: ${csv}, ${html}\n`);
  }
  return 0;
}
