import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { simFixture, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';
import { assertSameTagDefaults, collectWay, summaryOf, type WayRun } from './helpers/tag-defaults-by.js';

// A look-alike where ListTagDefaults(tagDefinitionId) answers with the root compartment's defaults only:
// plausible, and exactly what a collector trusting it would get silently wrong.

let f: SimFixture;
let documented: WayRun;
before(async () => {
  f = await simFixture({ compartments: 200, forbidden: 2, seed: 12, tagDefaultsByDefinition: 'root-only' });
  documented = await collectWay(f);
});
after(() => f.sim.close());

test('auto sees the difference in its sample and lists every compartment the documented way', async () => {
  const auto = await collectWay(f, '--tag-defaults-by', 'auto');
  assert.equal(auto.result.code, 3, auto.result.stderr);
  assertMatchesGroundTruth(f.sim, auto.dir);
  assertSameTagDefaults(documented.dir, auto.dir);
  assert.equal(auto.listing['used'], 'compartment');
  assert.match(auto.listing['reason'], /^fell back to the documented way: the two answers differed in \d+ of 100 compartments compared/);
  assert.ok(auto.listing['examples'][0]['missing'].length > 0);
  // Nothing fetched twice: the sample's answers are kept, the rest is listed once.
  assert.equal(auto.calls - auto.byDefinitionCalls, 201);
  assert.match(summaryOf(auto.dir), /Listed per compartment \(the documented way\), 201 compartments, after 33 listings by tag definition/);
});

test('a sample that meets no defaults below the root proves nothing: auto falls back', async () => {
  const auto = await collectWay(f, '--tag-defaults-by', 'auto', '--verify-sample', '1', '--no-resources', '--no-cost');
  assertSameTagDefaults(documented.dir, auto.dir);
  assert.equal(auto.listing['used'], 'compartment');
  assert.match(auto.listing['reason'], /none of the 1 compartments compared has defaults below the root/);
});

test('--verify-sample all measures the difference: every compartment below the root with defaults', async () => {
  const all = await collectWay(f, '--tag-defaults-by', 'auto', '--verify-sample', 'all', '--no-resources', '--no-cost');
  assertSameTagDefaults(documented.dir, all.dir);
  const gt = f.sim.groundTruth;
  const forbidden = new Set(gt.forbiddenCompartmentIds);
  const withDefaults = new Set(gt.tagDefaults.map((d) => d.compartmentId).filter((id) => id !== gt.tenancy.id && !forbidden.has(id)));
  assert.equal(all.listing['differing'], withDefaults.size);
  assert.match(all.listing['reason'], new RegExp(`the answers differed in ${withDefaults.size} of 199 compartments`));
});
