import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

let f: SimFixture;
before(async () => {
  // A small page cap forces several pages of ListCompartments (and of any long listing).
  f = await simFixture({ compartments: 400, pageCap: 50, latencyMs: 2, seed: 7 });
});
after(() => f.sim.close());

test('collect writes exactly the tenancy: every file equals the simulator\'s ground truth', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--threads', '2', '--concurrency', '4', '--chunk-size', '17', '--json'));
  assert.equal(r.code, 0, r.stderr);
  assertMatchesGroundTruth(f.sim, out);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.complete, true);
  assert.equal(summary.counts.compartments, 401);
  assert.equal(summary.counts.tag_defaults, f.sim.groundTruth.tagDefaults.length);
  // Every compartment's tag defaults were asked for once (root included), and the listing was paged.
  const stats = f.sim.stats();
  assert.equal(Object.keys(stats.tagDefaultsRequestsByCompartment).length, 401);
  assert.ok(stats.byRoute['ListCompartments']!.requests >= 9, 'ListCompartments paged at 50 per page');
  assert.match(readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8'), /COMPLETE/);
});

test('two runs of the same tenancy write identical CSV files, whatever order calls finish in', async () => {
  const a = tmp();
  const b = tmp();
  assert.equal((await runCli(f.args(a, '--threads', '1', '--concurrency', '2', '--quiet'))).code, 0);
  assert.equal((await runCli(f.args(b, '--threads', '2', '--concurrency', '16', '--chunk-size', '5', '--quiet'))).code, 0);
  for (const file of ['compartments.csv', 'tag_namespaces.csv', 'tag_definitions.csv', 'tag_defaults.csv', 'resources.csv', 'resource_tags.csv', 'tag_coverage.csv', 'cost_by_tag.csv', 'cost_by_month.csv', 'failures.csv'])
    assert.equal(readFileSync(join(a, file), 'utf8'), readFileSync(join(b, file), 'utf8'), file);
});

test('stdout carries only the JSON summary with --json; progress goes to stderr', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--json', '--progress', 'lines'));
  assert.equal(r.code, 0);
  assert.doesNotThrow(() => JSON.parse(r.stdout));
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.match(r.stderr, /Tag defaults 100% 401\/401/);
});
