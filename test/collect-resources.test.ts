import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readSnapshot, runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertServiceTruth } from './helpers/service-truth.js';

// Resource Search per (region, compartment): regions chosen by --regions, a region that refuses every
// call is one failure group and a partial run, and the other regions are still collected whole.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 60, latencyMs: 1, pageCap: 4, resourcesPerCompartment: 5, seed: 13, searchRefusal: { region: 'eu-frankfurt-1', status: 401 } });
});
after(() => f.sim.close());

test('a region whose Search refuses every call: one failure group, exit 3, the other regions whole', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--no-cost'));
  assert.equal(r.code, 3, r.stderr);
  const failures = readCsv(out, 'failures.csv');
  assert.equal(failures.length, 61, 'one failure per compartment of the refusing region');
  for (const x of failures) {
    assert.equal(x['phase'], 'resources');
    assert.equal(x['region'], 'eu-frankfurt-1');
    assert.equal(x['http_status'], '401');
  }
  const summary = readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8');
  assert.match(summary, /PARTIAL/);
  assert.equal(summary.match(/^\s+61\s+resources\s+\S+\s+in eu-frankfurt-1$/gm)?.length, 1, summary);
  assert.match(summary, /Tag coverage/);
  // Paged at 4 per page, every resource of the two other regions exactly once.
  assertServiceTruth(f.sim, out, { regions: ['us-ashburn-1', 'us-phoenix-1'], cost: false });
  assert.equal(readSnapshot(out)['metadata']['complete'], false);
});

test('--regions home searches the home region only; an unsubscribed region is refused in one line', async () => {
  const out = tmp();
  f.sim.resetStats();
  const r = await runCli(f.args(out, '--regions', 'home', '--no-cost'));
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(Object.keys(f.sim.stats().searchRequestsByRegion), ['us-ashburn-1']);
  assert.ok(readCsv(out, 'resources.csv').every((x) => x['region'] === 'us-ashburn-1'));
  assertServiceTruth(f.sim, out, { regions: ['us-ashburn-1'], cost: false });
  // The summary's compartments with the most untagged resources, as the CSVs count them.
  const tagged = new Set(readCsv(out, 'resource_tags.csv').map((t) => t['resource_id']));
  const perCompartment = new Map<string, { path: string; resources: number; untagged: number }>();
  for (const x of readCsv(out, 'resources.csv')) {
    const c = perCompartment.get(x['compartment_id']!) ?? perCompartment.set(x['compartment_id']!, { path: x['compartment_path']!, resources: 0, untagged: 0 }).get(x['compartment_id']!)!;
    c.resources++;
    if (!tagged.has(x['id'])) c.untagged++;
  }
  const top = [...perCompartment]
    .filter(([, c]) => c.untagged > 0)
    .sort(([a, x], [b, y]) => y.untagged - x.untagged || (a < b ? -1 : 1))
    .slice(0, 10)
    .map(([, c]) => c);
  assert.ok(top.length > 1);
  const summary = readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8');
  const lines = summary.split('\n');
  const at = lines.indexOf('  Compartments with the most untagged resources:') + 2;
  const shown = lines.slice(at, at + top.length).map((l) => /^ +(\d+)\/(\d+) {2}(.*)$/.exec(l));
  top.forEach((c, i) => {
    const [, untagged, resources, path] = shown[i] ?? [];
    assert.deepEqual([Number(untagged), Number(resources)], [c.untagged, c.resources], lines[at + i]);
    // A long path is shown by its end.
    assert.ok(path === c.path || (path!.startsWith('...') && c.path.endsWith(path!.slice(3))), `${path} for ${c.path}`);
  });

  const bad = await runCli(f.args(tmp(), '--regions', 'ap-tokyo-1'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^oci-growth: regions ap-tokyo-1 are not subscribed/m);
  assert.equal(bad.stderr.trim().split('\n').filter((l) => l.startsWith('oci-growth:')).length, 1);
});

test('--no-resources --no-cost: no Search or Usage call, the files still there with their headers', async () => {
  const out = tmp();
  f.sim.resetStats();
  const r = await runCli(f.args(out, '--no-resources', '--no-cost'));
  assert.equal(r.code, 0, r.stderr);
  const routes = Object.keys(f.sim.stats().byRoute);
  assert.ok(!routes.some((x) => /Search|Usage|Region/i.test(x)), routes.join(', '));
  for (const file of ['resources.csv', 'resource_tags.csv', 'tag_coverage.csv', 'cost_by_tag.csv', 'cost_by_month.csv'])
    assert.equal(readFileSync(join(out, file), 'utf8').trim().split('\n').length, 1, `${file}: header only`);
});
