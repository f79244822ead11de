// Peak RSS of a collection with every phase on (compartments, tag namespaces, definitions and defaults,
// regions, resources by Search in every region, coverage, cost, effective tag defaults and findings),
// judged against the memory goals per tenancy size. The engine runs compiled, against the default
// simulated tenancy in a process of its own; one size at a time, so nothing else of ours shares the cores.
//   npx tsx bench/memory.ts [--compartments 2000[,50000]] [--write]
// 50,000 compartments take several minutes. --write rewrites, in BENCHMARKS.md's memory section, the
// lines of the sizes measured and keeps the others.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEngine, ENGINE_ENTRY } from './lib/build.js';
import { codeSource } from './lib/machine.js';
import { SimProcess } from './lib/sim.js';
import { lastJsonLine, REPO_ROOT, runMeasured } from './lib/spawn.js';
import { sectionBody, withSection } from './lib/sections.js';

/** Compartments besides the root → the peak RSS allowed, MB. */
const GOALS = new Map([
  [2000, 200],
  [50000, 300],
]);
const SECTION = 'memory';

const argv = process.argv.slice(2);
const i = argv.indexOf('--compartments');
const sizes = (i >= 0 ? String(argv[i + 1] ?? '') : '2000').split(',').map(Number);
const unknown = sizes.filter((n) => !GOALS.has(n));
if (unknown.length || !sizes.length) {
  process.stderr.write(`bench/memory.ts: --compartments takes sizes with a goal: ${[...GOALS.keys()].join(', ')} (comma-separated)\n`);
  process.exit(2);
}

const count = (n: number) => n.toLocaleString('en-US');
const commit = codeSource(REPO_ROOT) ?? 'unknown';

/** One size measured: its goal line, which starts with the size so a later --write can find it. */
async function measure(compartments: number, work: string): Promise<string> {
  const goal = GOALS.get(compartments)!;
  const dir = mkdtempSync(join(work, `c${compartments}-`));
  const sim = await SimProcess.start({ compartments }, join(dir, 'cfg'));
  try {
    const t = sim.target;
    process.stderr.write(`${count(compartments + 1)} compartments …\n`);
    const run = await runMeasured(
      [ENGINE_ENTRY, 'collect', '--config-file', t.configFile, '--profile', t.profile, '--endpoint', `${t.url}/{region}`, '-o', join(dir, 'out'), '--force', '--quiet', '--json'],
      { timeoutMs: 60 * 60_000, probeFile: join(dir, 'probe.json'), tsx: false },
    );
    const j = lastJsonLine(run.stdout) ?? {};
    const rssMb = Math.round((run.probe?.maxRssKb ?? NaN) / 1024);
    const cpuS = ((run.probe?.cpuUserMs ?? NaN) + (run.probe?.cpuSystemMs ?? 0)) / 1000;
    const collectS = Number((j['timings'] as Record<string, number> | undefined)?.['total']) / 1000;
    const whole = run.exitCode === 0 && j['complete'] === true;
    const pass = whole && rssMb <= goal;
    const why = whole ? '' : `; **run not complete** (exit ${run.exitCode}${run.timedOut ? ', timed out' : ''}: ${run.stderrTail.trim().split('\n').pop() ?? ''})`;
    return (
      `- ${count(compartments + 1)} compartments: peak RSS **${Number.isFinite(rssMb) ? rssMb : '—'} MB**, goal ≤ ${goal} MB — ${pass ? 'PASS' : 'FAIL'}` +
      ` (collect ${collectS.toFixed(0)} s, wall ${(run.wallMs / 1000).toFixed(0)} s, CPU ${cpuS.toFixed(0)} s; code ${commit}, ${new Date().toISOString().slice(0, 10)})${why}`
    );
  } finally {
    await sim.stop();
  }
}

buildEngine();
const work = mkdtempSync(join(tmpdir(), 'oci-growth-bench-mem-'));
const lines: string[] = [];
try {
  for (const n of sizes) {
    const line = await measure(n, work);
    process.stdout.write(line + '\n');
    lines.push(line);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (argv.includes('--write')) {
  const file = join(REPO_ROOT, 'BENCHMARKS.md');
  const doc = readFileSync(file, 'utf8');
  // Sizes not measured this time keep their earlier line.
  const sizeOf = (line: string) => /^- ([\d,]+) compartments:/.exec(line)?.[1];
  const measured = new Set(lines.map(sizeOf));
  const earlier = (sectionBody(doc, SECTION) ?? '').split('\n').filter((l) => sizeOf(l) && !measured.has(sizeOf(l)));
  const all = [...earlier, ...lines].sort((a, b) => Number(sizeOf(a)!.replace(/,/g, '')) - Number(sizeOf(b)!.replace(/,/g, '')));
  const body = [
    '## Memory goals: peak RSS with every phase on',
    '',
    'Measured with `npx tsx bench/memory.ts --compartments 2000,50000 --write` (the 50,000 run takes several minutes; a run of one size rewrites only its line). ' +
      'The engine runs compiled, with its defaults and every phase on: compartments, tag namespaces, definitions and defaults, regions, resources by Search in 3 regions, tag coverage, cost by tag, effective tag defaults and findings. ' +
      'The tenancy is the simulator\'s default (`oci-growth sim --compartments N`: 3 regions, ~3 resources per compartment and region, 9 namespaces, 33 tag definitions, no latency), served by a process of its own. ' +
      'Peak RSS is the collecting process\'s, all threads (getrusage maxRSS, as `/usr/bin/time -v` reports it); a run that does not end complete fails its goal.',
    '',
    ...all,
  ].join('\n');
  writeFileSync(file, withSection(doc, SECTION, body));
  process.stderr.write(`wrote the ${SECTION} section of BENCHMARKS.md\n`);
}
if (lines.some((l) => l.includes('— FAIL'))) process.exitCode = 1;
