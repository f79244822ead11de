import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tmp } from './helpers/cli.js';

// The README's first command (`npm start` is `collect --simulate`), as a user runs it: the real CLI,
// its own simulated tenancy in-process, real files.

test('collect --simulate N collects a simulated tenancy end to end and exits 0', async () => {
  const out = tmp();
  const r = await runCli(['collect', '--simulate', '30', '--output-dir', out, '--json', '--progress', 'off']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.complete, true);
  assert.equal(summary.counts.compartments, 31);
  for (const f of ['compartments.csv', 'tag_namespaces.csv', 'tag_definitions.csv', 'tag_defaults.csv', 'failures.csv', 'growth_collection_tags.json', 'growth_collection_summary.txt'])
    assert.ok(existsSync(join(out, f)), f);
});
