import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { costWindows } from '../src/analyze/months.js';
import { readSnapshot, runCli, spawnCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { journaled, waitForJournal } from './helpers/journal.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

// Resources and cost are journaled per (region, compartment) and per (month, definition): a run killed
// in the middle of them resumes with exactly the scopes its journal lacks.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 80, latencyMs: 1, seed: 29, resourcesPerCompartment: 2, search: { latencyMs: 15 }, usage: { latencyMs: 60 } });
});
after(() => f.sim.close());

const SLOW = ['--threads', '1', '--concurrency', '2', '--no-adaptive', '--quiet'];

test('killed mid-resources and mid-cost, a resume fetches only the scopes the journal lacks', async () => {
  const out = tmp();
  const run = spawnCli(f.args(out, ...SLOW));
  await waitForJournal(out, 30, 60_000, 'resources');
  run.child.kill('SIGKILL');
  assert.equal((await run.done).signal, 'SIGKILL');

  const searched = journaled(out, 'resources');
  const costed = journaled(out, 'cost');
  assert.ok(searched.size < 81 * 3, 'killed before the resources phase ended');
  f.sim.resetStats();
  const resumed = await runCli(f.args(out, '--resume', '--json'));
  assert.equal(resumed.code, 0, resumed.stderr);
  assertMatchesGroundTruth(f.sim, out);
  // Every Search scope here is one page: the resume asks exactly for those not journaled.
  const stats = f.sim.stats();
  const searches = Object.values(stats.searchRequestsByRegion).reduce((a, b) => a + b, 0);
  assert.equal(searches, 81 * 3 - searched.size, 'Search calls on resume = scopes missing from the journal');
  // Cost: per month one total and one call per live definition, each one page here.
  const gt = f.sim.groundTruth;
  const retiredNs = new Set(gt.tagNamespaces.filter((n) => n.isRetired).map((n) => n.id));
  const live = gt.tagDefinitions.filter((d) => !d.isRetired && !retiredNs.has(d.tagNamespaceId)).length;
  const costScopes = costWindows(new Date(readSnapshot(out)['metadata']['started_at']), 3).length * (1 + live);
  assert.equal(stats.byRoute['RequestSummarizedUsages']?.requests ?? 0, costScopes - costed.size, 'Usage calls on resume = scopes missing from the journal');
  for (const key of costed) assert.match(key, /^\d{4}-\d{2}\|/, 'cost scopes are journaled by month and definition');
});
