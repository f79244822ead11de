import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tmp } from './helpers/cli.js';

// --verify-sample refuses what they cannot mean in one line, exit 2, before any call.

const cases: [string[], RegExp][] = [
  [['--verify-sample', '0'], /^oci-growth: --verify-sample takes a whole number ≥ 1 or all \(got "0"\)$/],
  [['--verify-sample', 'some'], /^oci-growth: --verify-sample takes a whole number ≥ 1 or all \(got "some"\)$/],
];

for (const [args, line] of cases)
  test(`collect ${args.join(' ')} is refused in one line`, async () => {
    const r = await runCli(['collect', '--output-dir', tmp(), ...args]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), line);
  });
