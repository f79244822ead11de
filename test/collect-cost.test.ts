import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readSnapshot, runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { startProxy } from './helpers/proxy.js';
import { assertServiceTruth } from './helpers/service-truth.js';

// Cost by tag: every live definition × every month of the window, the values adding up to the month's
// total; and a caller the Usage API refuses gets one failure group, a partial run and the way out.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 40, latencyMs: 1, pageCap: 3, seed: 17, resourcesPerCompartment: 4 });
});
after(() => f.sim.close());

test('two months of cost: totals, every live definition in every month, figures in the snapshot', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--cost-months', '2', '--no-resources'));
  assert.equal(r.code, 0, r.stderr);
  assertServiceTruth(f.sim, out, { costMonths: 2, resources: false });
  const meta = readSnapshot(out)['metadata'];
  assert.equal(meta['cost']['months'].length >= 2, true);
  assert.deepEqual(meta['cost']['mismatches'], []);
  const keys = meta['cost']['keys'] as { untagged: number }[];
  for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1].untagged >= keys[i].untagged, 'keys ordered by untagged cost');
  assert.match(readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8'), /Cost by tag \(Usage API\)/);
});

test('the Usage API refuses the caller: exit 3, every cost scope in failures.csv, the IAM statement or --no-cost as advice', async () => {
  const proxy = await startProxy(f.sim.url, (req) =>
    /\/20200107\/usage/.test(req.url ?? '') ? { status: 404, body: { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' } } : {},
  );
  try {
    const out = tmp();
    const args = f.args(out, '--cost-months', '1', '--no-resources').map((a) => (a.startsWith(f.sim.url) ? a.replace(f.sim.url, proxy.url) : a));
    const r = await runCli(args);
    assert.equal(r.code, 3, r.stderr);
    const failures = readCsv(out, 'failures.csv');
    assert.ok(failures.length > 0 && failures.every((x) => x['phase'] === 'cost' && x['http_status'] === '404' && x['operation'] === 'RequestSummarizedUsages'));
    const summary = readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8');
    assert.match(summary, /PARTIAL/);
    assert.match(summary, /read\s+usage-reports\s+in\s+tenancy/);
    assert.match(summary, /--no-cost/);
    assert.equal(readCsv(out, 'tag_defaults.csv').length > 0, true, 'the rest of the run is collected');
  } finally {
    proxy.close();
  }
});
