import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, RunLock } from '../src/output/index.js';
import { tmp } from './helpers/cli.js';

// Two runs that both find the lock of a run that is gone race to take it over: exactly one may win.
// Real processes rarely meet inside the window, so the race is replayed at every step instead: run A
// is paused at its k-th file-system call while run B takes the lock from start to end, for every k.

const FS_CALLS = ['readFileSync', 'openSync', 'writeSync', 'writeFileSync', 'closeSync', 'unlinkSync', 'renameSync', 'linkSync', 'mkdirSync', 'rmdirSync', 'rmSync', 'statSync', 'lstatSync', 'existsSync', 'fstatSync'] as const;
type Fs = Record<string, (...a: unknown[]) => unknown>;
const original = new Map(FS_CALLS.filter((n) => typeof (fs as unknown as Fs)[n] === 'function').map((n) => [n, (fs as unknown as Fs)[n]!]));

/** Counts fs calls; at the k-th, runs `interleave` (with the real fs) before the call goes on. */
function pauseAt(k: number, interleave: () => void): () => number {
  let calls = 0;
  let inside = false;
  for (const [name, fn] of original)
    (fs as unknown as Fs)[name] = (...a: unknown[]) => {
      if (!inside && ++calls === k) {
        inside = true;
        try {
          interleave();
        } finally {
          inside = false;
        }
      }
      return fn(...a);
    };
  syncBuiltinESMExports();
  return () => calls;
}
function restore(): void {
  for (const [name, fn] of original) (fs as unknown as Fs)[name] = fn;
  syncBuiltinESMExports();
}
afterEach(restore);

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const attempt = (dir: string): RunLock | Error => {
  try {
    return RunLock.acquire(dir);
  } catch (e) {
    return e as Error;
  }
};

test("two runs taking over a dead run's lock at once: exactly one holds it, wherever the second cuts in", () => {
  let k = 1;
  for (; ; k++) {
    const dir = tmp();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: new Date(0).toISOString() }));
    let b: RunLock | Error | undefined;
    const calls = pauseAt(k, () => {
      restore();
      b = attempt(dir);
    });
    const a = attempt(dir);
    const made = calls();
    restore();
    const holders = [a, b].filter((x) => x instanceof RunLock);
    assert.equal(holders.length, 1, `second run cutting in at call ${k}: ${holders.length} runs hold the lock (${[a, b].map((x) => (x instanceof Error ? x.message : x ? 'held' : 'did not run')).join('; ')})`);
    for (const x of [a, b]) if (x instanceof Error) assert.match(x.message, /^another oci-growth run /);
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    assert.equal(holder.pid, process.pid);
    if (b === undefined) break; // A finished before its k-th call: every step has been tried
    assert.ok(made >= k);
  }
  assert.ok(k > 4, `only ${k - 1} steps tried`);
});

test('a takeover left half done by a run that died in it blocks only for a moment', () => {
  const dir = tmp();
  const stale = () => writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: new Date(0).toISOString() }));
  stale();
  const mutex = join(dir, `${LOCK_FILE}.takeover`);
  mkdirSync(mutex);
  assert.throws(() => RunLock.acquire(dir), /^UsageError: another oci-growth run is taking over the lock/);
  const old = new Date(Date.now() - 60_000);
  utimesSync(mutex, old, old);
  const lock = RunLock.acquire(dir);
  assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
  lock.release();
  assert.deepEqual(readdirSync(dir), [], 'no lock, mutex or temporary file left');
});
