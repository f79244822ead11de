import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { newHistoryRun, pointLatest, runStamp } from '../src/output/history.js';
import { runCli, tmp } from './helpers/cli.js';

// collect --history: its own directory per run, latest swapped in one rename, and the flag
// combinations that cannot mean anything refused up front.

test('runs started in the same second get distinct directories; latest follows the newest', async () => {
  const dir = join(tmp(), 'runs');
  const at = new Date(Date.UTC(2026, 0, 1, 6, 0, 0, 250));
  const a = await newHistoryRun(dir, at);
  const b = await newHistoryRun(dir, at);
  assert.equal(a, join(dir, '2026-01-01T06-00-00Z'));
  assert.equal(b, join(dir, '2026-01-01T06-00-00Z-2'));
  assert.equal(runStamp(at), '2026-01-01T06-00-00Z');
  await pointLatest(dir, a);
  await pointLatest(dir, b);
  assert.equal(readlinkSync(join(dir, 'latest')), '2026-01-01T06-00-00Z-2');
  assert.ok(existsSync(join(dir, 'latest')));
});

test('a run that fails before writing leaves no empty directory in the history', async () => {
  const dir = join(tmp(), 'runs');
  const r = await runCli(['collect', '--history', dir, '--config-file', join(tmp(), 'missing-config'), '-q']);
  assert.equal(r.code, 2, r.stderr);
  assert.deepEqual(readdirSync(dir), []);
});

test('--history with --output-dir or --resume, and --evolve without --simulate, are refused', async () => {
  for (const [args, message] of [
    [['collect', '--simulate', '5', '--history', tmp(), '-o', tmp()], /--history picks the output directory itself/],
    [['collect', '--history', tmp(), '--resume'], /--history starts a new run directory/],
    [['collect', '--evolve', '2', '-o', tmp()], /--evolve .* needs --simulate/],
  ] as const) {
    const r = await runCli([...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  }
});
