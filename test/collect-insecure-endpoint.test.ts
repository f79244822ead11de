import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';

// Signed requests carry the key's signature and, with security_token auth, the session token itself:
// plain http is for the simulator on loopback, anything else only when asked for by name.

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 5, seed: 3 });
});
after(() => f.sim.close());

test('a plain-http endpoint that is not loopback is refused in one line, exit 2, before any request', async () => {
  const r = await runCli(['collect', '--config-file', f.configFile, '--profile', f.profile, '--endpoint', 'http://192.0.2.10:8080', '--output-dir', tmp(), '--progress', 'off']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^oci-growth: --endpoint http:\/\/192\.0\.2\.10:8080 is plain http to a host that is not loopback: .*clear text.*--insecure-endpoint.*\n$/);
  assert.equal(r.stderr.split('\n').length, 2, 'one line');
});

test('plain http to loopback (the simulator) needs no flag, and --insecure-endpoint is accepted', async () => {
  const r = await runCli(f.args(tmp(), '--insecure-endpoint', '--no-resources', '--quiet'));
  assert.equal(r.code, 0, r.stderr);
});
