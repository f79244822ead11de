import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

// A phase starts when what it needs is known, not when the phase listed before it ends: the tag-defaults
// listing needs only the compartment tree, so a namespace whose ListTags hangs must not hold it up.

const HOLD_MS = 8000;
let f: SimFixture;
let proxy: Server;
let proxyUrl: string;

before(async () => {
  f = await simFixture({ compartments: 120, latencyMs: 1, seed: 11 });
  const target = new URL(f.sim.url);
  // Forwards everything (Host header included, so signatures still verify), holding back ListTags.
  proxy = createServer((req, res) => {
    const hold = /\/tagNamespaces\/[^/]+\/tags/.test(req.url ?? '') ? HOLD_MS : 0;
    setTimeout(() => {
      const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    }, hold);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
after(() => {
  proxy.closeAllConnections();
  proxy.close();
  f.sim.close();
});

test('tag defaults are listed while the tag definitions are still waiting on the server', async () => {
  const out = tmp();
  const args = f.args(out, '--progress', 'lines', '--timeout', '30').map((a) => (a.startsWith(f.sim.url) ? a.replace(f.sim.url, proxyUrl) : a));
  const r = await runCli(args);
  assert.equal(r.code, 0, r.stderr);
  const defaultsDone = r.stderr.indexOf('Tag defaults 100%');
  const definitionsDone = r.stderr.indexOf('Tag definitions 100%');
  assert.ok(defaultsDone >= 0 && definitionsDone >= 0, r.stderr);
  assert.ok(defaultsDone < definitionsDone, `tag defaults finished only after the held tag definitions:\n${r.stderr}`);
  assertMatchesGroundTruth(f.sim, out);
});
