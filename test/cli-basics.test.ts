import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from './helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

test('--version prints the package version on stdout', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('collect --help lists the OCI-CLI-style options', async () => {
  const r = await runCli(['collect', '--help']);
  assert.equal(r.code, 0);
  for (const o of ['--config-file', '--profile', '--auth', '--region', '--tenancy', '--endpoint', '--output-dir', '--threads', '--concurrency', '--max-workers-tags', '--max-workers-compartments', '--timeout', '--chunk-size', '--quiet', '--json', '--simulate', '--resume', '--adaptive', '--max-rps'])
    assert.ok(r.stdout.includes(o), `${o} in help`);
});

test('no command: one line, exit 2', async () => {
  const r = await runCli([]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /name a command/);
});
