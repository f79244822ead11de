import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';

// A run whose thread pool cannot be built made no call: it must leave the directory as it found it —
// no temporary file, no journal that would make the next run ask for --resume or --force.

const NO_THREADS = fileURLToPath(new URL('./fixtures/no-worker-threads.mjs', import.meta.url));

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 20, latencyMs: 1, seed: 3 });
});
after(() => f.sim.close());

test('the pool fails to start: one line, nothing left behind, the next run needs no --force', { timeout: 60_000 }, async () => {
  const out = tmp();
  const r = await runCli(f.args(out, '--quiet'), { NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${NO_THREADS}` });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /thread limit reached/);
  assert.deepEqual(readdirSync(out), [], 'no temporary file, journal or lock left');
  const again = await runCli(f.args(out, '--quiet'));
  assert.equal(again.code, 0, again.stderr);
});
