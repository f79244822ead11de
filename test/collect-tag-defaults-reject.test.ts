import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, simFixture, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';
import { assertSameTagDefaults, collectWay, summaryOf, type WayRun } from './helpers/tag-defaults-by.js';

// A look-alike where ListTagDefaults without a compartment is refused (400 MissingParameter): the
// refusal answers the question; it is no data the run owed, so the run is still complete.

let f: SimFixture;
let documented: WayRun;
before(async () => {
  f = await simFixture({ compartments: 120, seed: 13, tagDefaultsByDefinition: 'reject' });
  documented = await collectWay(f);
});
after(() => f.sim.close());

for (const way of ['auto', 'definition'])
  test(`${way}: a 400 on the by-definition calls falls back to the documented way; the run is complete`, async () => {
    const run = await collectWay(f, '--tag-defaults-by', way);
    assert.equal(run.result.code, 0, run.result.stderr);
    assertMatchesGroundTruth(f.sim, run.dir);
    assertSameTagDefaults(documented.dir, run.dir);
    assert.deepEqual(readCsv(run.dir, 'failures.csv'), []);
    assert.equal(run.byDefinitionCalls, f.sim.groundTruth.tagDefinitions.length, 'a 400 is not retried');
    assert.equal(run.calls - run.byDefinitionCalls, 121);
    assert.equal(run.listing['used'], 'compartment');
    assert.match(run.listing['reason'], /^fell back to the documented way: ListTagDefaults by tag definition failed for 33 of 33 definitions \(400 MissingParameter/);
    assert.match(summaryOf(run.dir), /COMPLETE.*Asked: --tag-defaults-by \w+; fell back to the documented way: ListTagDefaults by tag definition failed/);
  });
