import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readCsv, runCli, tmp } from './helpers/cli.js';
import { collectRun } from './helpers/runs.js';
import type { GroundTruth } from '../src/sim/index.js';

// Three monthly runs the way cron would leave them (collect --history): the tenancy, the tenancy
// grown by `evolve`, and the original again but partial. growth.csv must count each and the
// changes between neighbours; report.html must be one page with no network reference.

const SEED = 6;
const K = 2;
let history: string;
const truths: GroundTruth[] = [];

before(async () => {
  history = tmp();
  for (const options of [{ seed: SEED }, { seed: SEED, evolve: K }, { seed: SEED, forbidden: 8 }]) {
    const r = await collectRun(options, '', '--history', history);
    assert.ok(r.result.code === 0 || r.result.code === 3, r.result.stderr);
    truths.push(r.truth);
    // Distinct UTC-second directory names without relying on the clock's luck.
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
});

/** The run directories, oldest first (their names are UTC start times). */
const runDirs = () => readdirSync(history).filter((n) => !n.startsWith('.') && n !== 'latest').sort().map((n) => join(history, n));

test('collect --history writes one directory per run and points latest at the newest', () => {
  const runs = runDirs().map((d) => basename(d));
  assert.equal(runs.length, 3);
  for (const n of runs) assert.match(n, /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
  assert.equal(readlinkSync(join(history, 'latest')), runs[2]);
});

test('growth.csv: one row per run, oldest first, counts and changes against the previous run', async () => {
  const out = tmp();
  const r = await runCli(['report', history, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const rows = readCsv(out, 'growth.csv');
  assert.deepEqual(Object.keys(rows[0]!), [
    'finished_at', 'run_id', 'complete', 'compartments', 'tag_namespaces', 'tag_definitions', 'tag_defaults', 'compartments_with_defaults',
    'compartments_added', 'compartments_removed', 'tag_defaults_added', 'tag_defaults_removed', 'tag_defaults_changed', 'resources', 'resources_untagged',
  ]);
  assert.equal(rows.length, 3, 'latest is the same run as the newest directory');
  assert.deepEqual(rows.map((r) => r['complete']), ['true', 'true', 'false']);
  assert.deepEqual([...rows.map((r) => r['finished_at'])].sort(), rows.map((r) => r['finished_at']));
  rows.forEach((row, i) => {
    const t = truths[i]!;
    const forbidden = new Set(t.forbiddenCompartmentIds);
    const defaults = t.tagDefaults.filter((d) => !forbidden.has(d.compartmentId));
    assert.equal(row['compartments'], String(t.compartments.length + 1), 'the root counts');
    assert.equal(row['tag_namespaces'], String(t.tagNamespaces.length));
    assert.equal(row['tag_definitions'], String(t.tagDefinitions.length));
    assert.equal(row['tag_defaults'], String(defaults.length));
    assert.equal(row['compartments_with_defaults'], String(new Set(defaults.map((d) => d.compartmentId)).size));
    // What each run's resources.csv holds: untagged means neither defined nor freeform tags.
    const found = readCsv(runDirs()[i]!, 'resources.csv');
    assert.ok(found.length > 0);
    assert.equal(row['resources'], String(found.length));
    assert.equal(row['resources_untagged'], String(found.filter((f) => f['defined_tags'] === '{}' && f['freeform_tags'] === '{}').length));
  });
  assert.deepEqual([rows[0]!['compartments_added'], rows[0]!['tag_defaults_changed']], ['', ''], 'nothing to compare the first run with');

  const changes = truths[1]!.changes;
  const n = (kind: string, change: string) => String(new Set(changes.filter((c) => c.kind === kind && c.change === change).map((c) => c.id)).size);
  assert.deepEqual(
    [rows[1]!['compartments_added'], rows[1]!['compartments_removed'], rows[1]!['tag_defaults_added'], rows[1]!['tag_defaults_removed'], rows[1]!['tag_defaults_changed']],
    [n('compartment', 'added'), n('compartment', 'removed'), n('tag_default', 'added'), n('tag_default', 'removed'), n('tag_default', 'changed')],
  );
  // Back to the original: the evolution undone, except the defaults of compartments run 3 could not read.
  const forbidden = new Set(truths[2]!.forbiddenCompartmentIds);
  const where = new Map([...truths[0]!.tagDefaults, ...truths[1]!.tagDefaults].map((d) => [d.id, d.compartmentId]));
  const readable = (kind: string, change: string) => String(changes.filter((c) => c.kind === kind && c.change === change && !forbidden.has(where.get(c.id)!)).length);
  assert.deepEqual(
    [rows[2]!['compartments_added'], rows[2]!['compartments_removed'], rows[2]!['tag_defaults_added'], rows[2]!['tag_defaults_removed']],
    [n('compartment', 'removed'), n('compartment', 'added'), readable('tag_default', 'removed'), readable('tag_default', 'added')],
  );
});

test('report.html: self-contained, one marker per run in every count chart, the partial run marked', async () => {
  const out = tmp();
  await runCli(['report', history, '-o', out]);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  for (const pattern of [/https?:\/\//i, /\/\//, /<script/i, /<link/i, /<img/i, /<iframe/i, /\ssrc=/i, /\shref=/i, /url\(/i, /@import/i])
    assert.doesNotMatch(html, pattern, `no network reference: ${pattern}`);
  for (const chart of ['compartments', 'compartments_with_defaults', 'tag_defaults', 'tag_definitions', 'tag_namespaces']) {
    const svg = html.match(new RegExp(`<svg[^>]*data-chart="${chart}"[\\s\\S]*?</svg>`))?.[0] ?? '';
    assert.equal(svg.match(/<circle /g)?.length, 3, chart);
    assert.equal(svg.match(/class="point partial"/g)?.length, 1, `${chart}: the partial run`);
  }
  assert.match(html, /id="latest-changes"/);
  assert.match(html, /badge partial/);
});

test('runs that did not collect resources leave those two columns empty', async () => {
  const dir = tmp();
  const r = await collectRun({ seed: SEED, compartments: 10 }, dir, '--no-resources', '--no-cost');
  assert.equal(r.result.code, 0, r.result.stderr);
  const out = tmp();
  assert.equal((await runCli(['report', dir, '-o', out])).code, 0);
  const [row] = readCsv(out, 'growth.csv');
  assert.deepEqual([row!['resources'], row!['resources_untagged']], ['', '']);
});

test('runs of two tenancies are refused; an empty directory is bad input', async () => {
  const other = tmp();
  const r = await collectRun({ seed: SEED + 1, compartments: 10 }, other);
  assert.equal(r.result.code, 0, r.result.stderr);
  const mixed = await runCli(['report', history, other, '-o', tmp()]);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /different tenancies/);
  const empty = await runCli(['report', tmp(), '-o', tmp()]);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /holds no growth_collection_tags\.json/);
});
