import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, simFixture, spawnCli, sorted, tmp, type SimFixture } from './helpers/cli.js';

// A server that hands back the same opc-next-page forever must not keep a run busy forever: the
// listing stops with a failure of its scope, and every other scope is collected.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 60, loopingPages: 2, seed: 14 });
});
after(() => f.sim.close());

test('a listing whose page token repeats fails its scope; the run ends, partial, with everything else', async () => {
  const out = tmp();
  const run = spawnCli(f.args(out, '--quiet', '--json'));
  const deadline = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
  const r = await run.done;
  clearTimeout(deadline);
  assert.notEqual(r.signal, 'SIGKILL', 'the run never ended');
  assert.equal(r.code, 3, r.stderr);

  const looping = f.sim.groundTruth.loopingPageCompartmentIds;
  assert.equal(looping.length, 2);
  const failures = readCsv(out, 'failures.csv');
  assert.deepEqual(sorted(failures.map((x) => x['scope_id']!)), sorted(looping));
  for (const x of failures) {
    assert.equal(x['phase'], 'tag_defaults');
    assert.equal(x['operation'], 'ListTagDefaults');
    assert.equal(x['service_code'], 'PaginationLoop');
    assert.match(x['message']!, /opc-next-page .* a second time/);
  }
  // Stopped at the first repeat: the first page, and the one whose token came back.
  const requests = f.sim.stats().tagDefaultsRequestsByCompartment;
  for (const id of looping) assert.equal(requests[id], 2, id);

  const skip = new Set(looping);
  const expected = f.sim.groundTruth.tagDefaults.filter((d) => !skip.has(d.compartmentId)).map((d) => d.id);
  assert.deepEqual(sorted(readCsv(out, 'tag_defaults.csv').map((d) => d['id']!)), sorted(expected));
  assert.equal(JSON.parse(r.stdout).complete, false);
});
