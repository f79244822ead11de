import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, parseConfig, configPath } from '../src/oci/config.js';
import { UsageError } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'oci-growth-config-'));
const file = join(dir, 'config');
writeFileSync(
  file,
  ['# comment', '[DEFAULT]', 'region = us-ashburn-1', 'tenancy=ocid1.tenancy.oc1..aaa', '', '[OTHER]', 'user=ocid1.user.oc1..u', 'key_file=keys/k.pem', '; more', 'region=eu-frankfurt-1'].join('\n'),
);

test('profiles inherit DEFAULT and override it; relative key paths resolve from the config folder', () => {
  const p = loadProfile(file, 'OTHER');
  assert.equal(p.values['tenancy'], 'ocid1.tenancy.oc1..aaa');
  assert.equal(p.values['region'], 'eu-frankfurt-1');
  assert.equal(configPath(p, 'key_file'), join(dir, 'keys/k.pem'));
});

test('unknown profile and missing file say what is wrong, as UsageError', () => {
  assert.throws(() => loadProfile(file, 'NOPE'), (e) => e instanceof UsageError && /profile "NOPE" not found.*DEFAULT, OTHER/.test(e.message));
  assert.throws(() => loadProfile(join(dir, 'missing'), 'DEFAULT'), (e) => e instanceof UsageError && /no OCI config file/.test(e.message));
});

test('malformed lines are reported with file and line number', () => {
  assert.throws(() => parseConfig('[A]\njust words\n', 'cfg'), /cfg:2: expected/);
  assert.throws(() => parseConfig('key=value\n', 'cfg'), /cfg:1: "key" appears before any \[PROFILE\]/);
});
