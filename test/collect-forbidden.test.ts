import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readSnapshot, runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 150, forbidden: 4, seed: 3 });
});
after(() => f.sim.close());

test('compartments we may not read are named in failures.csv; the run says PARTIAL and exits 3', async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--json'));
  assert.equal(r.code, 3, r.stderr);
  assertMatchesGroundTruth(f.sim, out);
  const failures = readCsv(out, 'failures.csv');
  assert.equal(failures.length, 4);
  for (const row of failures) {
    assert.equal(row['http_status'], '404');
    assert.equal(row['service_code'], 'NotAuthorizedOrNotFound');
    assert.equal(row['operation'], 'ListTagDefaults');
    assert.equal(row['attempts'], '1', '404 is not retried');
    assert.ok(row['opc_request_id'], 'request id kept for support');
  }
  assert.equal(JSON.parse(r.stdout).complete, false);
  assert.equal(readSnapshot(out)['metadata']['complete'], false);
  assert.match(readFileSync(join(out, 'growth_collection_summary.txt'), 'utf8'), /PARTIAL/);
});
