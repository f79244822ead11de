import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';
import { fingerprintOf } from '../src/oci/auth.js';

// Every way a user can get the input wrong: one line on stderr naming the problem, the documented
// exit code, no stack trace, no key material, nothing on stdout.

let f: SimFixture;
let garbage: Server;
let garbageUrl: string;
let closedUrl: string;
const dir = tmp('oci-growth-bad-');

before(async () => {
  f = await simFixture({ compartments: 20, seed: 2 });
  // A TCP server that answers with something that is not HTTP.
  garbage = createServer((s) => s.end('SSH-2.0-OpenSSH_9.0\r\n\r\n'));
  await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
  garbageUrl = `http://127.0.0.1:${(garbage.address() as { port: number }).port}`;
  // A port that was just free: nothing listens there, so connections are refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
  await new Promise((r) => probe.close(r));
});
after(async () => {
  await f.sim.close();
  await new Promise((r) => garbage.close(r));
});

/** A config like the simulator's, with some lines replaced. */
function config(name: string, edit: (lines: string[]) => string[], keyPem?: string): string {
  const text = readFileSync(f.configFile, 'utf8');
  const section = text.split(/\n(?=\[)/).find((s) => s.startsWith(`[${f.profile}]`))!;
  const lines = section.split('\n').slice(1).filter(Boolean);
  const file = join(dir, name);
  if (keyPem !== undefined) {
    writeFileSync(`${file}.pem`, keyPem, { mode: 0o600 });
    lines.splice(lines.findIndex((l) => l.startsWith('key_file=')), 1, `key_file=${file}.pem`);
  }
  writeFileSync(file, `[${f.profile}]\n${edit(lines).join('\n')}\n`);
  return file;
}
const set = (key: string, value: string) => (lines: string[]) => [...lines.filter((l) => !l.startsWith(`${key}=`)), `${key}=${value}`];
const keep = (lines: string[]) => lines;

type Case = { name: string; args: () => string[]; code: number; message: RegExp };
const base = (cfg: string, ...more: string[]) => ['collect', '--config-file', cfg, '--profile', f.profile, '--endpoint', f.sim.url, '--output-dir', tmp(), '--progress', 'off', ...more];

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const otherPem = otherKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const encryptedPem = () => createPrivateKey(f.sim.credentials.privateKeyPem).export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right' }).toString();

const cases: Case[] = [
  { name: 'missing config file', args: () => base(join(dir, 'nope')), code: 2, message: /no OCI config file at .*nope/ },
  { name: 'unknown profile', args: () => [...base(f.configFile), '--profile', 'GHOST'], code: 2, message: /profile "GHOST" not found/ },
  { name: 'key file missing', args: () => base(config('c-nokey', set('key_file', join(dir, 'absent.pem')))), code: 2, message: /key_file .*absent\.pem .*does not exist/ },
  { name: 'key file unreadable (a directory)', args: () => base(config('c-dirkey', set('key_file', dir))), code: 2, message: /is a directory/ },
  { name: 'key file is not a key', args: () => base(config('c-notkey', keep, 'hello, I am not a key\n')), code: 2, message: /is not a PEM private key/ },
  { name: 'encrypted key without pass_phrase', args: () => base(config('c-nopass', keep, encryptedPem())), code: 2, message: /is encrypted: add pass_phrase/ },
  { name: 'encrypted key, wrong pass_phrase', args: () => base(config('c-badpass', set('pass_phrase', 'wrong'), encryptedPem())), code: 2, message: /pass_phrase .* is wrong/ },
  { name: 'fingerprint does not match the key', args: () => base(config('c-fp', set('fingerprint', '00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff'))), code: 2, message: /fingerprint 00:11.* does not match key_file/ },
  {
    name: 'key the server does not know (401)',
    args: () => base(config('c-401', set('fingerprint', fingerprintOf(otherKey)), otherPem)),
    code: 2,
    message: /rejected the request signature \(401/,
  },
  { name: 'malformed tenancy OCID', args: () => [...base(f.configFile), '--tenancy', 'ocid1.user.oc1..abc'], code: 2, message: /is not a tenancy OCID/ },
  { name: 'bad region', args: () => ['collect', '--config-file', f.configFile, '--profile', f.profile, '--region', 'Mars 1', '--output-dir', tmp()], code: 2, message: /not an OCI region identifier/ },
  { name: '--threads 0', args: () => [...base(f.configFile), '--threads', '0'], code: 2, message: /--threads must be a positive integer/ },
  { name: 'non-numeric --concurrency', args: () => [...base(f.configFile), '--concurrency', 'lots'], code: 2, message: /--concurrency must be a positive integer/ },
  { name: 'negative --timeout', args: () => [...base(f.configFile), '--timeout', '-5'], code: 2, message: /--timeout must be a positive number/ },
  { name: 'unknown option', args: () => [...base(f.configFile), '--thraeds', '2'], code: 2, message: /Unknown argument/ },
  {
    name: 'output dir is a file',
    args: () => {
      writeFileSync(join(dir, 'a-file'), 'x');
      return [...base(f.configFile), '--output-dir', join(dir, 'a-file')];
    },
    code: 2,
    message: /a-file/,
  },
  {
    name: 'output dir inside a read-only place',
    args: () => {
      mkdirSync(join(dir, 'ro'), { recursive: true });
      writeFileSync(join(dir, 'ro', 'blocker'), 'x');
      return [...base(f.configFile), '--output-dir', join(dir, 'ro', 'blocker', 'out')];
    },
    code: 2,
    message: /blocker/,
  },
  { name: 'endpoint refusing connections', args: () => [...base(f.configFile), '--endpoint', closedUrl, '--retries', '1'], code: 2, message: /cannot reach the Identity endpoint.*ECONNREFUSED/ },
  { name: 'endpoint that is not HTTP', args: () => [...base(f.configFile), '--endpoint', garbageUrl, '--retries', '1'], code: 2, message: /cannot reach the Identity endpoint/ },
  { name: 'endpoint that is not a URL', args: () => [...base(f.configFile), '--endpoint', 'identity dot oracle'], code: 2, message: /is not a URL/ },
];

for (const c of cases) {
  test(`bad input: ${c.name} → exit ${c.code}, one clear line`, async () => {
    const r = await runCli(c.args());
    assert.equal(r.code, c.code, `exit code; stderr: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line, got:\n${r.stderr}`);
    assert.match(lines[0], /^oci-growth: /);
    assert.match(lines[0], c.message);
    assert.doesNotMatch(r.stderr, /\n\s+at |PRIVATE KEY|pass_phrase=/);
    assert.equal(r.stdout, '');
  });
}

test('an existing run\'s outputs are not overwritten without --force', async () => {
  const out = tmp();
  assert.equal((await runCli(f.args(out, '--quiet'))).code, 0);
  const again = await runCli(f.args(out, '--quiet'));
  assert.equal(again.code, 2);
  assert.match(again.stderr, /--force/);
  assert.equal((await runCli(f.args(out, '--quiet', '--force'))).code, 0);
});

test('a key file others can read gets a warning (as the OCI CLI gives), and the run goes on', async () => {
  const cfg = config('c-open', keep, f.sim.credentials.privateKeyPem);
  chmodSync(`${cfg}.pem`, 0o644);
  const r = await runCli([...base(cfg), '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: key file .* is readable by other users; run: chmod 600/);
});

test('a config file without a [DEFAULT] section works, with no SDK remark on the console', async () => {
  const cfg = config('c-nodefault', keep);
  assert.doesNotMatch(readFileSync(cfg, 'utf8'), /\[DEFAULT\]/);
  const r = await runCli([...base(cfg), '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
});
