import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { assertMatchesGroundTruth } from './helpers/truth.js';

// --auth security_token against the simulator's session tokens, which expire like OCI's (here after
// 6 s instead of an hour; the CLI's own start takes a few of them). A run that outlives its first token
// must not see one 401: the token is refreshed when two thirds of its life are gone, or re-read when
// renewed in its file.

const TTL_MS = 6000;
// 200 ms a call and --concurrency 2: some 370 calls (tag defaults, Search in three regions, cost) keep
// the run going well past one and a half token lifetimes, however fast the machine.
const SLOW = ['--threads', '1', '--concurrency', '2', '--no-adaptive', '--quiet', '--json'];

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 60, latencyMs: 200, seed: 12 });
});
after(() => f.sim.close());

function sessionProfile(token: string): { configFile: string; tokenFile: string } {
  const dir = tmp('oci-growth-session-');
  const keyFile = join(dir, 'session_key.pem');
  const tokenFile = join(dir, 'token');
  writeFileSync(keyFile, f.sim.credentials.privateKeyPem, { mode: 0o600 });
  writeFileSync(tokenFile, token, { mode: 0o600 });
  const configFile = join(dir, 'config');
  writeFileSync(configFile, `[SESSION]\ntenancy=${f.sim.tenancyId}\nregion=${f.sim.region}\nkey_file=${keyFile}\nsecurity_token_file=${tokenFile}\n`);
  return { configFile, tokenFile };
}

const args = (configFile: string, out: string) => ['collect', '--auth', 'security_token', '--config-file', configFile, '--profile', 'SESSION', '--endpoint', `${f.sim.url}/{region}`, '--output-dir', out, '--progress', 'off', ...SLOW];

test('a run that outlives its session token refreshes it: complete, no 401, the token file renewed', async () => {
  f.sim.resetStats();
  const first = f.sim.issueSessionToken({ ttlMs: TTL_MS });
  const { configFile, tokenFile } = sessionProfile(first);
  const out = tmp();
  const issued = performance.now();
  const r = await runCli(args(configFile, out));
  assert.equal(r.code, 0, r.stderr);
  assert.ok(performance.now() - issued > 1.5 * TTL_MS, 'the run outlived its first token');
  assertMatchesGroundTruth(f.sim, out);
  const s = f.sim.stats();
  assert.equal(s.unauthenticated, 0, 'no request was refused');
  assert.ok((s.byRoute['RefreshSessionToken']?.statuses['200'] ?? 0) >= 1, 'refreshed');
  assert.notEqual(readFileSync(tokenFile, 'utf8'), first, 'written back, for the next run and `oci session`');
});

test('a token that cannot be refreshed but is renewed in its file (oci session refresh) is re-read', async () => {
  f.sim.resetStats();
  const { configFile, tokenFile } = sessionProfile(f.sim.issueSessionToken({ ttlMs: TTL_MS, refreshable: false }));
  const issued = performance.now();
  const renew = setInterval(() => writeFileSync(tokenFile, f.sim.issueSessionToken({ ttlMs: TTL_MS, refreshable: false })), 1500);
  const out = tmp();
  try {
    const r = await runCli(args(configFile, out));
    assert.equal(r.code, 0, r.stderr);
    assert.ok(performance.now() - issued > 1.5 * TTL_MS, 'the run outlived its first token');
  } finally {
    clearInterval(renew);
  }
  assertMatchesGroundTruth(f.sim, out);
  assert.equal(f.sim.stats().unauthenticated, 0, 'no request was refused');
});
