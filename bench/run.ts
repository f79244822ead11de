// `npm run bench [-- --quick] [--scenario id,…] [--contender id,…] [--out dir] [--keep] [--benchmarks] [--from results.json]`
// Runs the scenarios × contenders of bench/lib, prints the Markdown tables on stdout (progress on
// stderr) and writes results.json, results.md and chart.svg under bench/results/<timestamp>/.
// Exits 1 if any run failed its correctness check, so a wrong-but-fast engine cannot go unnoticed.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBench, type Report } from './lib/bench.js';
import { benchmarksDoc } from './lib/benchmarks-doc.js';
import { chartSvg } from './lib/chart.js';
import { CONTENDERS } from './lib/contenders.js';
import { SCENARIOS } from './lib/scenarios.js';
import { REPO_ROOT } from './lib/spawn.js';
import { stamp, writeReport } from './lib/write.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scenario: { type: 'string', multiple: true },
    contender: { type: 'string', multiple: true },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    repeat: { type: 'string' },
    benchmarks: { type: 'boolean', default: false },
    from: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    [
      'usage: npm run bench -- [--quick] [--repeat N] [--scenario id[,id…]] [--contender id[,id…]] [--out dir] [--keep] [--benchmarks] [--from results.json]',
      '  --quick       the short plan (about 3 minutes); default is the full plan (about 20)',
      '  --repeat N    run every cell N times and report the median (a failed sample fails the cell)',
      '  --benchmarks  also write BENCHMARKS.md (repo root) and bench/benchmarks.svg from this run, to commit',
      '  --from FILE   no run: re-render the tables, chart (and with --benchmarks the docs) from a results.json',
      `scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}`,
      `contenders: ${CONTENDERS.map((c) => c.id).join(', ')}`,
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const list = (v: string[] | undefined) => v?.flatMap((s) => s.split(',')).filter(Boolean);
const mode = values.quick ? 'quick' : 'full';
const started = performance.now();
const report: Report = values.from ? (JSON.parse(await readFile(values.from, 'utf8')) as Report) : await runBench({
  mode,
  onlyScenarios: list(values.scenario),
  onlyContenders: list(values.contender),
  keepOutputs: values.keep,
  repeat: values.repeat ? Math.max(1, Number.parseInt(values.repeat, 10) || 1) : undefined,
  command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  log: (line) => process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s ${line}\n`),
});
const files = await writeReport(report, values.out ?? (values.from ? dirname(values.from) : join(REPO_ROOT, 'bench', 'results', stamp())));
process.stdout.write(files.text + '\n');
process.stderr.write(`wrote ${files.json}, ${files.markdown}, ${files.chart} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
if (values.benchmarks) {
  await writeFile(join(REPO_ROOT, 'bench', 'benchmarks.svg'), chartSvg(report));
  const doc = join(REPO_ROOT, 'BENCHMARKS.md');
  const previous = await readFile(doc, 'utf8').catch(() => '');
  await writeFile(doc, benchmarksDoc(report, 'bench/benchmarks.svg', previous));
  process.stderr.write('wrote BENCHMARKS.md and bench/benchmarks.svg\n');
}
if (report.runs.some((r) => r.status !== 'ok')) process.exitCode = 1;
