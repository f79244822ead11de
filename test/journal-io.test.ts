import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Journal, JOURNAL_FILE } from '../src/collect/journal.js';
import { OutputWriteError } from '../src/output/index.js';

// How the journal meets the disk: few writes and no fsync on the coordinator's event loop, fsync
// failures reported instead of swallowed, and a torn line cut off before a resume appends.

const header = { tenancyId: 'ocid1.tenancy.oc1..aaaa', target: 'http://127.0.0.1:1' };
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `n${i}` }));
const dir = () => mkdtempSync(join(tmpdir(), 'journal-io-'));

type Fs = Record<string, unknown>;
const saved = new Map<string, unknown>();
/** Replaces an fs function for the modules that imported it by name too. */
function patch(name: string, fn: (orig: any) => unknown): void {
  const f = fs as unknown as Fs;
  if (!saved.has(name)) saved.set(name, f[name]);
  f[name] = fn(saved.get(name));
  syncBuiltinESMExports();
}
afterEach(() => {
  for (const [name, orig] of saved) (fs as unknown as Fs)[name] = orig;
  saved.clear();
  syncBuiltinESMExports();
});

const eio = () => Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });

test('recording writes in batches and never fsyncs on the event loop', async () => {
  const d = dir();
  const calls = { write: 0, fsyncSync: 0, fsync: 0 };
  const { journal } = Journal.open(d, header, false);
  for (const name of ['writeSync', 'writevSync', 'write', 'writev'] as const)
    patch(name, (orig) => (...a: unknown[]) => (calls.write++, orig(...a)));
  patch('fsyncSync', (orig) => (fd: number) => (calls.fsyncSync++, orig(fd)));
  patch('fsync', (orig) => (fd: number, cb: () => void) => (calls.fsync++, orig(fd, cb)));

  journal.record({ phase: 'compartments', scopeId: header.tenancyId, rows: rows(2500) });
  for (let i = 0; i < 50; i++) journal.record({ phase: 'tag_defaults', scopeId: `c${i}`, rows: rows(3) });
  await sleep(600);
  assert.ok(calls.write <= 2, `51 entries, 2,500 rows: ${calls.write} writes`);
  assert.equal(calls.fsyncSync, 0, 'no blocking fsync while the run goes on');
  assert.ok(calls.fsync >= 1, 'synced in the background');
  journal.close();
  assert.equal(calls.fsyncSync, 1, 'one blocking fsync, when the run ends');
  assert.equal(Journal.read(join(d, JOURNAL_FILE), header).size, 51);
  rmSync(d, { recursive: true, force: true });
});

test('a failed background fsync fails the next record, and close', async () => {
  const d = dir();
  const { journal } = Journal.open(d, header, false);
  patch('fsync', () => (_fd: number, cb: (e: Error) => void) => process.nextTick(cb, eio()));
  journal.record({ phase: 'tag_defaults', scopeId: 'c1', rows: rows(1) });
  await sleep(600);
  assert.throws(() => journal.record({ phase: 'tag_defaults', scopeId: 'c2', rows: rows(1) }), (e) => e instanceof OutputWriteError && /could not write \.oci-growth-journal\.jsonl in .*I\/O error \(EIO\)/.test(e.message));
  assert.throws(() => journal.close(), OutputWriteError);
  rmSync(d, { recursive: true, force: true });
});

test('the last fsync failing fails close', () => {
  const d = dir();
  const { journal } = Journal.open(d, header, false);
  journal.record({ phase: 'tag_defaults', scopeId: 'c1', rows: rows(1) });
  patch('fsyncSync', () => () => {
    throw eio();
  });
  assert.throws(() => journal.close(), (e) => e instanceof OutputWriteError && /I\/O error \(EIO\)/.test(e.message));
  rmSync(d, { recursive: true, force: true });
});

test('a resume cuts a torn last line off before appending, and reads past a bad line', () => {
  const d = dir();
  const file = join(d, JOURNAL_FILE);
  const { journal } = Journal.open(d, header, false);
  journal.record({ phase: 'tag_defaults', scopeId: 'c1', rows: rows(1) });
  journal.close();
  writeFileSync(file, readFileSync(file, 'utf8') + '{"phase":"tag_defaults","scopeId":"torn","ro', { flag: 'w' });

  const first = Journal.open(d, header, true);
  assert.deepEqual([...first.done.keys()], [Journal.key('tag_defaults', 'c1')]);
  first.journal.record({ phase: 'tag_defaults', scopeId: 'c2', rows: rows(1) });
  first.journal.close();
  assert.ok(readFileSync(file, 'utf8').endsWith('\n'));
  for (const line of readFileSync(file, 'utf8').trimEnd().split('\n')) JSON.parse(line);

  // A journal an older version glued together: the lines after the bad one still count.
  writeFileSync(file, readFileSync(file, 'utf8').replace('\n{"phase":"tag_defaults","scopeId":"c2"', '\n{"phase":"tag_defaults","scopeId":"x",{"phase":"tag_defaults","scopeId":"c0"}\n{"phase":"tag_defaults","scopeId":"c2"'));
  const second = Journal.open(d, header, true);
  second.journal.close();
  assert.deepEqual([...second.done.keys()].sort(), ['c1', 'c2'].map((s) => Journal.key('tag_defaults', s)));
  rmSync(d, { recursive: true, force: true });
});
