// The resources phase measured on its own scenario: 2,001 compartments × 3 regions with ~10 resources
// per compartment per region, the engine against the stock SDK (one Search call at a time, and a pool
// of 20), every contender checked against the simulator's ground truth, peak RSS judged against its goal.
//   npx tsx bench/resources.ts [--latency-ms 10] [--compartments 2000] [--no-sequential] [--write]
// --write rewrites BENCHMARKS.md's resources section (between its markers; the bench's regeneration keeps it).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { startSimulator, type SimOptions } from '../src/sim/index.js';
import { buildEngine, ENGINE_ENTRY } from './lib/build.js';
import { SimProcess } from './lib/sim.js';
import { codeSource } from './lib/machine.js';
import { withSection } from './lib/sections.js';
import { lastJsonLine, REPO_ROOT, runMeasured } from './lib/spawn.js';
import type { SimSpec } from './lib/scenarios.js';

const RSS_GOAL_MB = 250;
const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const latencyMs = opt('latency-ms', 10);
const spec = { seed: 1, compartments: opt('compartments', 2000), namespaces: 9, tagDefinitions: 33, latencyMs, regions: 3, resourcesPerCompartment: 10 };

interface Row {
  label: string;
  collectS: number;
  requests: number;
  rssMb: number;
  cpuS: number;
  correct: string;
}

const truthKeys = async (): Promise<Set<string>> => {
  const sim = await startSimulator(spec as SimOptions);
  const { sortedJson } = await import('../src/resources/columns.js');
  const keys = new Set(sim.serviceTruth.resources().map((r) => [r.region, r.identifier, r.compartmentId, sortedJson(r.definedTags ?? {}), sortedJson(r.freeformTags ?? {})].join('|')));
  await sim.close();
  return keys;
};

const same = (got: string[], want: Set<string>) => {
  const g = new Set(got);
  if (g.size !== got.length) return `FAILED: ${got.length - g.size} resources twice`;
  let missing = 0;
  for (const k of want) if (!g.has(k)) missing++;
  return missing || g.size !== want.size ? `FAILED: ${missing} missing, ${g.size - (want.size - missing)} wrong` : 'exact';
};

buildEngine();
const want = await truthKeys();
const work = mkdtempSync(join(tmpdir(), 'oci-growth-bench-res-'));
const sim = await SimProcess.start(spec as SimSpec, join(work, 'cfg'));
const endpoint = `${sim.target.url}/{region}`;
const common = ['--config-file', sim.target.configFile, '--profile', sim.target.profile, '--endpoint', endpoint];
const rows: Row[] = [];
try {
  const contenders: { label: string; argv: string[]; tsx: boolean; read: (dir: string, stdout: string) => { ms: number; requests: number; keys: string[] } }[] = [
    {
      label: 'engine, defaults (also collects the Identity phases)',
      argv: [ENGINE_ENTRY, 'collect', ...common, '--no-cost', '--json', '--quiet', '--force', '-o'],
      tsx: false,
      read: (dir, stdout) => {
        const j = lastJsonLine(stdout) ?? {};
        const csv = parse(readFileSync(join(dir, 'resources.csv')), { columns: true }) as Record<string, string>[];
        return {
          ms: Number((j['timings'] as Record<string, number>)?.['total']),
          requests: Number((j['requests'] as Record<string, number>)?.['total']),
          keys: csv.map((r) => [r['region'], r['id'], r['compartment_id'], r['defined_tags'], r['freeform_tags']].join('|')),
        };
      },
    },
    ...[20, ...(argv.includes('--no-sequential') ? [] : [1])].map((c) => ({
      label: c === 1 ? 'stock SDK, sequential (the baseline)' : `stock SDK, ${c} in flight`,
      argv: ['bench/contenders/sdk-resources.ts', ...common, '--concurrency', String(c), '--out'],
      tsx: true,
      read: (dir: string, stdout: string) => {
        const j = lastJsonLine(stdout) ?? {};
        return { ms: Number(j['collectMs']), requests: Number(j['requests']), keys: readFileSync(join(dir, 'keys.txt'), 'utf8').split('\n').filter(Boolean) };
      },
    })),
  ];
  for (const c of contenders) {
    const dir = mkdtempSync(join(work, 'run-'));
    const target = c.tsx ? join(dir, 'keys.txt') : dir;
    process.stderr.write(`${c.label} …\n`);
    const run = await runMeasured([...c.argv, target], { timeoutMs: 20 * 60_000, probeFile: join(dir, 'probe.json'), tsx: c.tsx });
    if (run.exitCode !== 0) {
      rows.push({ label: c.label, collectS: NaN, requests: NaN, rssMb: NaN, cpuS: NaN, correct: `FAILED: exit ${run.exitCode}: ${run.stderrTail.trim().split('\n').pop()}` });
      continue;
    }
    const r = c.read(dir, run.stdout);
    rows.push({ label: c.label, collectS: r.ms / 1000, requests: r.requests, rssMb: (run.probe?.maxRssKb ?? NaN) / 1024, cpuS: ((run.probe?.cpuUserMs ?? NaN) + (run.probe?.cpuSystemMs ?? 0)) / 1000, correct: same(r.keys, want) });
  }
} finally {
  await sim.stop();
}

const base = rows.find((r) => r.label.includes('sequential'));
const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const table = [
  `Resources scenario: ${spec.compartments + 1} compartments × ${spec.regions} regions, ~${spec.resourcesPerCompartment} resources per compartment per region (${want.size.toLocaleString('en-US')} resources), ${latencyMs} ms per call, no server limit.`,
  '',
  '| contender | collect s | speedup | requests | peak RSS MB | CPU s | result |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.label} | ${fmt(r.collectS)} | ${base && Number.isFinite(base.collectS) ? `${fmt(base.collectS / r.collectS)}×` : '—'} | ${Number.isFinite(r.requests) ? r.requests : '—'} | ${fmt(r.rssMb, 0)} | ${fmt(r.cpuS)} | ${r.correct} |`),
  '',
  (() => {
    const e = rows[0]!;
    const ok = e.correct === 'exact' && e.rssMb <= RSS_GOAL_MB;
    return `Goal: engine peak RSS ≤ ${RSS_GOAL_MB} MB with every resource exact — ${ok ? 'PASS' : 'FAIL'} (${fmt(e.rssMb, 0)} MB, ${e.correct}).`;
  })(),
].join('\n');
process.stdout.write(table + '\n');
if (argv.includes('--write')) {
  const file = join(REPO_ROOT, 'BENCHMARKS.md');
  const body = [
    '## Resources phase',
    '',
    `Measured with \`npx tsx bench/resources.ts --write\` (about 2½ minutes) at ${codeSource(REPO_ROOT) ?? 'unknown code'}, ${new Date().toISOString().slice(0, 10)}. ` +
      "The engine runs compiled, with its defaults and `--no-cost`, so it also lists compartments, namespaces, definitions and every compartment's tag defaults and computes effective defaults and findings (the requests more than the SDK contenders make); the stock-SDK contenders only list compartments and regions and search. " +
      "Every contender's resources are compared with the simulator's (region, id, compartment, defined and freeform tags).",
    '',
    table,
  ].join('\n');
  writeFileSync(file, withSection(readFileSync(file, 'utf8'), 'resources', body));
}
