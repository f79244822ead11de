// Tag defaults listed per compartment, per definition and auto, side by side, against look-alikes
// that answer ListTagDefaults(tagDefinitionId) tenancy-wide, for the root only, or with a 400.
// `npx tsx bench/tag-defaults-by.ts [compartments] [latencyMs]`; prints a Markdown table for BENCHMARKS.md.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../src/sim/index.js';
import { TAG_DEFAULTS_BY_DEFINITION } from '../src/sim/routes.js';
import { lastJsonLine, spawnNode } from './lib/spawn.js';

const compartments = Number(process.argv[2] ?? 2000);
const latencyMs = Number(process.argv[3] ?? 100);
const FORBIDDEN = 5;

/** What one collect cost and what it says it did. */
interface Row {
  behaviour: string;
  way: string;
  code: number | null;
  calls: number;
  requests: number;
  tagDefaultsS: number;
  totalS: number;
  used: string;
  reason: string;
}

async function collect(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnNode(['src/cli/bin.ts', 'collect', ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

const rows: Row[] = [];
for (const behaviour of TAG_DEFAULTS_BY_DEFINITION) {
  const sim = await startSimulator({ compartments, forbidden: FORBIDDEN, latencyMs, tagDefaultsByDefinition: behaviour });
  const cfg = mkdtempSync(join(tmpdir(), 'oci-growth-bench-cfg-'));
  const { configFile, profile } = await sim.writeConfig(cfg);
  const ways = [['compartment'], ['definition'], ['auto'], ...(behaviour === 'reject' ? [] : [['auto', '--verify-sample', 'all']])];
  try {
    for (const [way, ...more] of ways) {
      const out = mkdtempSync(join(tmpdir(), 'oci-growth-bench-'));
      sim.resetStats();
      const r = await collect(['--config-file', configFile, '--profile', profile, '--endpoint', `${sim.url}/{region}`, '--output-dir', out, '--json', '--progress', 'off', '--no-resources', '--no-cost', '--tag-defaults-by', way!, ...more]);
      const summary = lastJsonLine(r.stdout) as { timings?: Record<string, number>; requests?: { total: number } } | undefined;
      if (!summary) throw new Error(`collect --tag-defaults-by ${way} against ${behaviour} printed no summary (exit ${r.code}): ${r.stderr.slice(-500)}`);
      const listing = JSON.parse(readFileSync(join(out, 'growth_collection_tags.json'), 'utf8'))['metadata']['tag_defaults'];
      const t = summary.timings ?? {};
      rows.push({
        behaviour,
        way: [way, ...more].join(' '),
        code: r.code,
        calls: sim.stats().byRoute['ListTagDefaults']?.requests ?? 0,
        requests: summary.requests?.total ?? 0,
        tagDefaultsS: ((t['tag_defaults'] ?? 0) + (t['tag_defaults_by_definition'] ?? 0)) / 1000,
        totalS: (t['total'] ?? 0) / 1000,
        used: listing.used,
        reason: String(listing.reason).split(/[:;]/)[0]!,
      });
      rmSync(out, { recursive: true, force: true });
    }
  } finally {
    await sim.close();
    rmSync(cfg, { recursive: true, force: true });
  }
}

console.log(`${compartments.toLocaleString('en-US')} compartments + the root (${FORBIDDEN} of them forbidden), 33 tag definitions, ${latencyMs} ms per call; --no-resources --no-cost.\n`);
console.log('| look-alike answers by definition | --tag-defaults-by | exit | ListTagDefaults calls | requests | tag-defaults phases s | collect s | rows from | why |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of rows)
  console.log(`| ${r.behaviour} | ${r.way} | ${r.code} | ${r.calls.toLocaleString('en-US')} | ${r.requests.toLocaleString('en-US')} | ${r.tagDefaultsS.toFixed(2)} | ${r.totalS.toFixed(2)} | ${r.used} | ${r.reason} |`);
