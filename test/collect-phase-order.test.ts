import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';
import { startProxy } from './helpers/proxy.js';

// A phase starts when what it needs is known, not when the phase listed before it ends: the tag-defaults
// listing needs only the compartment tree, so a namespace whose ListTags hangs must not hold it up.

const HOLD_MS = 8000;
let f: SimFixture;
let proxy: Awaited<ReturnType<typeof startProxy>>;

before(async () => {
  f = await simFixture({ compartments: 120, latencyMs: 1, seed: 11 });
  proxy = await startProxy(f.sim.url, (req) => ({ delayMs: /\/tagNamespaces\/[^/]+\/tags/.test(req.url ?? '') ? HOLD_MS : 0 }));
});
after(() => {
  proxy.close();
  f.sim.close();
});

test('tag defaults are listed while the tag definitions are still waiting on the server', async () => {
  const out = tmp();
  const args = f.args(out, '--progress', 'lines', '--timeout', '30').map((a) => (a.startsWith(f.sim.url) ? a.replace(f.sim.url, proxy.url) : a));
  const r = await runCli(args);
  assert.equal(r.code, 0, r.stderr);
  const defaultsDone = r.stderr.indexOf('Tag defaults 100%');
  const definitionsDone = r.stderr.indexOf('Tag definitions 100%');
  assert.ok(defaultsDone >= 0 && definitionsDone >= 0, r.stderr);
  assert.ok(defaultsDone < definitionsDone, `tag defaults finished only after the held tag definitions:\n${r.stderr}`);
  assertMatchesGroundTruth(f.sim, out);
});
