import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, runCli, simFixture, type SimFixture } from './helpers/cli.js';
import { journaled } from './helpers/journal.js';
import { collectWay } from './helpers/tag-defaults-by.js';

// A partial run by definition (forbidden compartments) keeps its journal; --resume asks again only
// what failed, the by-definition answers included in the journal.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 150, forbidden: 2, seed: 14 });
});
after(() => f.sim.close());

test('--resume after a partial run by definition reuses the journaled answers and writes the same files', async () => {
  const first = await collectWay(f, '--tag-defaults-by', 'auto', '--no-resources', '--no-cost');
  assert.equal(first.result.code, 3, first.result.stderr);
  assert.equal(journaled(first.dir, 'tag_defaults_by_definition').size, f.sim.groundTruth.tagDefinitions.length);
  const before = readFileSync(join(first.dir, 'tag_defaults.csv'), 'utf8');
  f.sim.resetStats();
  const again = await runCli([...f.args(first.dir, '--quiet', '--tag-defaults-by', 'auto', '--no-resources', '--no-cost'), '--resume']);
  assert.equal(again.code, 3, again.stderr);
  const stats = f.sim.stats();
  const byCompartment = Object.values(stats.tagDefaultsRequestsByCompartment).reduce((a, b) => a + b, 0);
  assert.equal(stats.byRoute['ListTagDefaults']!.requests, byCompartment, 'no by-definition call again');
  // The forbidden ones again, and whatever the new random sample holds that the first did not.
  assert.ok(byCompartment < 110, `${byCompartment} compartments asked again`);
  assert.equal(readFileSync(join(first.dir, 'tag_defaults.csv'), 'utf8'), before);
  const gt = f.sim.groundTruth;
  const forbidden = new Set(gt.forbiddenCompartmentIds);
  assert.equal(readCsv(first.dir, 'tag_defaults.csv').length, gt.tagDefaults.filter((d) => !forbidden.has(d.compartmentId)).length);
});
