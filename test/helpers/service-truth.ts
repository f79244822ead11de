import assert from 'node:assert/strict';
import type { Simulator } from '../../src/sim/index.js';
import { costWindows } from '../../src/analyze/months.js';
import { sortedJson } from '../../src/resources/columns.js';
import { readCsv, readSnapshot } from './cli.js';

const key = (...parts: unknown[]) => parts.map(String).join('|');

/**
 * Resources, their tags, coverage and costs in `dir` equal what the simulator served: every resource of
 * every region once, its tags as JSON, one resource_tags row per tag, coverage counted over all of them,
 * and for every month of the window the total and every live definition's values to the cent.
 */
export function assertServiceTruth(sim: Simulator, dir: string, opts: { regions?: string[]; costMonths?: number; cost?: boolean; resources?: boolean } = {}): void {
  const truth = sim.serviceTruth;
  if (opts.resources !== false) assertResources(sim, dir, opts.regions);
  if (opts.cost !== false) assertCost(sim, dir, opts.costMonths ?? 3);
}

function assertResources(sim: Simulator, dir: string, only?: string[]): void {
  const truth = sim.serviceTruth;
  const regions = only ?? sim.groundTruth.regions.filter((r) => r.regionName !== sim.groundTruth.searchRefusal?.region).map((r) => r.regionName);
  const expected = regions.flatMap((r) => truth.resources(r));
  const got = readCsv(dir, 'resources.csv');
  assert.equal(new Set(got.map((r) => key(r['region'], r['id']))).size, got.length, 'no resource twice');
  const want = new Map(expected.map((r) => [key(r.region, r.identifier), r]));
  assert.equal(got.length, want.size, 'resource count');
  let tags = 0;
  for (const row of got) {
    const r = want.get(key(row['region'], row['id']));
    assert.ok(r, `resource ${row['id']} in ${row['region']} was not served`);
    assert.equal(row['compartment_id'], r.compartmentId);
    assert.equal(row['resource_type'], r.resourceType);
    assert.equal(row['defined_tags'], sortedJson(r.definedTags ?? {}));
    assert.equal(row['freeform_tags'], sortedJson(r.freeformTags ?? {}));
    tags += Object.values(r.definedTags ?? {}).reduce((n, ns) => n + Object.keys(ns).length, 0) + Object.keys(r.freeformTags ?? {}).length;
  }
  assert.equal(readCsv(dir, 'resource_tags.csv').length, tags, 'one resource_tags row per tag');

  const coverage = readCsv(dir, 'tag_coverage.csv');
  for (const d of sim.groundTruth.tagDefinitions) {
    const row = coverage.find((c) => c['tag_type'] === 'defined' && c['tag_namespace'] === d.tagNamespaceName && c['tag_key'] === d.name);
    assert.ok(row, `coverage row for ${d.tagNamespaceName}.${d.name}`);
    const n = expected.filter((r) => r.definedTags?.[d.tagNamespaceName]?.[d.name] !== undefined).length;
    assert.equal(Number(row['resources_tagged']), n, `coverage of ${d.tagNamespaceName}.${d.name}`);
    assert.equal(Number(row['resources_total']), expected.length);
  }

  assert.equal(readSnapshot(dir)['resources'], undefined, 'resources stay out of the snapshot');
}

function assertCost(sim: Simulator, dir: string, costMonths: number): void {
  const truth = sim.serviceTruth;
  const windows = costWindows(new Date(readSnapshot(dir)['metadata']['started_at']), costMonths);
  const months = readCsv(dir, 'cost_by_month.csv');
  const byTag = readCsv(dir, 'cost_by_tag.csv');
  const retiredNs = new Set(sim.groundTruth.tagNamespaces.filter((n) => n.isRetired).map((n) => n.id));
  const live = sim.groundTruth.tagDefinitions.filter((d) => !d.isRetired && !retiredNs.has(d.tagNamespaceId));
  for (const w of windows) {
    const total = truth.costByMonth(w.start, w.end);
    assert.deepEqual(
      months.filter((m) => m['month'] === w.month).map((m) => [m['month'], Number(m['cost']).toFixed(2), m['currency']]),
      total.map((t) => [t.month, t.cost.toFixed(2), t.currency]),
      `total of ${w.month}`,
    );
    for (const d of live) {
      const tag = { namespace: d.tagNamespaceName, key: d.name };
      const rows = byTag.filter((c) => c['month'] === w.month && c['tag_namespace'] === tag.namespace && c['tag_key'] === tag.key);
      const want = truth.costByTag(w.start, w.end, tag);
      assert.deepEqual(
        rows.map((c) => [c['tag_value'], Number(c['cost']).toFixed(2)]).sort(),
        want.map((t) => [t.value, t.cost.toFixed(2)]).sort(),
        `cost of ${tag.namespace}.${tag.key} in ${w.month}`,
      );
      const sum = rows.reduce((s, c) => s + Number(c['cost']), 0);
      assert.ok(Math.abs(sum - total.reduce((s, t) => s + t.cost, 0)) <= 0.01, `values of ${tag.namespace}.${tag.key} add up to ${w.month}'s total`);
    }
  }
}
