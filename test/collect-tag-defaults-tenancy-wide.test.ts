import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { simFixture, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';
import { assertSameTagDefaults, collectWay, summaryOf, type WayRun } from './helpers/tag-defaults-by.js';

// A look-alike where ListTagDefaults(tagDefinitionId) answers for every compartment the caller may read.

let f: SimFixture;
let documented: WayRun;
const FORBIDDEN = 3;
before(async () => {
  f = await simFixture({ compartments: 250, forbidden: FORBIDDEN, seed: 11, tagDefaultsByDefinition: 'tenancy-wide' });
  documented = await collectWay(f);
});
after(() => f.sim.close());

const definitions = () => f.sim.groundTruth.tagDefinitions.length;

test('auto: the same files as the documented way in about definitions + sample calls, not one per compartment', async () => {
  assert.equal(documented.calls, 251);
  const auto = await collectWay(f, '--tag-defaults-by', 'auto');
  assert.equal(auto.result.code, 3, auto.result.stderr);
  assertMatchesGroundTruth(f.sim, auto.dir);
  assertSameTagDefaults(documented.dir, auto.dir);
  assert.equal(auto.byDefinitionCalls, definitions());
  // The sample (root included) plus the compartments the listing does not call accessible.
  assert.ok(auto.calls <= definitions() + 100 + FORBIDDEN + 2, `${auto.calls} tag-default calls`);
  assert.equal(auto.listing['used'], 'definition');
  assert.match(auto.listing['reason'], /^checked: the answers agreed in all 100 compartments/);
  assert.ok(auto.listing['compared_with_defaults'] > 0);
  assert.equal(auto.listing['not_accessible'], FORBIDDEN + 1);
  assert.match(summaryOf(auto.dir), /Listed by tag definition \(undocumented in OCI\): 33 listings/);
});

test('definition: no sample, only what the listing cannot vouch for is listed the documented way', async () => {
  const def = await collectWay(f, '--tag-defaults-by', 'definition', '--no-resources', '--no-cost');
  assert.equal(def.result.code, 3, def.result.stderr);
  assertSameTagDefaults(documented.dir, def.dir);
  assert.equal(def.calls, definitions() + FORBIDDEN + 1);
  assert.equal(def.listing['used'], 'definition');
  assert.match(def.listing['reason'], /^unverified/);
});

test('--verify-sample all lists every compartment both ways and reports no difference', async () => {
  const all = await collectWay(f, '--tag-defaults-by', 'auto', '--verify-sample', 'all', '--no-resources', '--no-cost');
  assertSameTagDefaults(documented.dir, all.dir);
  assert.equal(all.calls, definitions() + 251);
  assert.equal(all.listing['used'], 'compartment');
  assert.equal(all.listing['differing'], 0);
  assert.equal(all.listing['compared'], 251 - FORBIDDEN);
  assert.match(all.listing['reason'], /^--verify-sample all, every compartment listed both ways: the answers agreed/);
});
