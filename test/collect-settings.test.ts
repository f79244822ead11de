import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, inSettingNames, resolveSettings } from '../src/collect/settings.js';

// The one place the CLI and the library get their defaults from, and how it names what is wrong.

test('unset settings take the documented defaults, auth ones from the OCI_CLI_* variables', () => {
  const saved = { ...process.env };
  try {
    process.env['OCI_CLI_CONFIG_FILE'] = '/etc/oci/config';
    process.env['OCI_CLI_PROFILE'] = 'OPS';
    delete process.env['OCI_CLI_AUTH'];
    const o = resolveSettings({});
    assert.deepEqual(o.auth, { kind: 'api_key', configFile: '/etc/oci/config', profile: 'OPS', signer: 'fast' });
    assert.equal(o.threads, DEFAULTS.threads);
    assert.equal(o.concurrency, 256);
    assert.equal(o.maxInFlight, undefined);
    assert.equal(o.chunkSize, 50);
    assert.equal(o.timeoutMs, 30_000);
    assert.equal(o.retry.maxAttempts, 6);
    assert.equal(o.adaptive, true);
    assert.equal(o.outputDir, './output');
    assert.equal(resolveSettings({ retries: 0, timeout: 2.5 }).retry.maxAttempts, 1);
    assert.equal(resolveSettings({ retries: 0, timeout: 2.5 }).timeoutMs, 2500);
  } finally {
    process.env = saved;
  }
});

test('maxWorkersCompartments is a total over all threads, never more', () => {
  for (const [settings, threads, total] of [
    [{ maxWorkersCompartments: 1 }, 1, 1],
    [{ maxWorkersCompartments: 1, threads: 4 }, 4, 1],
    [{ maxWorkersCompartments: 5, threads: 4 }, 4, 5],
    [{ maxWorkersCompartments: 100, threads: 3, concurrency: 2 }, 3, 6],
  ] as const) {
    const o = resolveSettings(settings);
    assert.equal(o.threads, threads, JSON.stringify(settings));
    assert.equal(o.maxInFlight, total, JSON.stringify(settings));
    assert.ok(o.threads * o.concurrency >= total, 'the threads can reach the total');
  }
});

test('plain http is accepted only to loopback unless insecureEndpoint says so', () => {
  for (const endpoint of ['http://127.0.0.1:8080', 'http://127.3.4.5', 'http://localhost:9', 'http://[::1]:9', 'https://identity.us-ashburn-1.oci.oraclecloud.com', 'https://10.0.0.8', 'http://127.0.0.1:8080/{region}', 'https://identity.{region}.oci.oraclecloud.com'])
    assert.doesNotThrow(() => resolveSettings({ endpoint }), endpoint);
  for (const endpoint of ['http://10.0.0.8:8080', 'http://identity.example.com', 'http://[2001:db8::1]/', 'http://127.0.0.1.example.com', 'http://{region}.proxy.example.com'])
    assert.throws(() => resolveSettings({ endpoint }), /plain http to a host that is not loopback/, endpoint);
  assert.equal(resolveSettings({ endpoint: 'http://10.0.0.8:8080', insecureEndpoint: true }).endpoint, 'http://10.0.0.8:8080');
});

test('messages name flags for the CLI; a library caller reads the same message in setting names', () => {
  assert.throws(() => resolveSettings({ maxWorkersCompartments: 0 }), /^UsageError: --max-workers-compartments must be a positive integer/);
  assert.throws(() => resolveSettings({ endpoint: 'http://10.0.0.8' }), /--insecure-endpoint/);
  assert.equal(
    inSettingNames('x holds an unfinished run: --resume to continue it, or --force; use another --output-dir, --max-rps, --insecure-endpoint'),
    'x holds an unfinished run: resume to continue it, or force; use another outputDir, maxRps, insecureEndpoint',
  );
  // Only whole flags of collect's settings: not the CLI-only ones, not a path that happens to hold dashes.
  assert.equal(inSettingNames('try --simulate or /tmp/a--force/b'), 'try --simulate or /tmp/a--force/b');
});
