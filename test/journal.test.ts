import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, JOURNAL_FILE } from '../src/collect/journal.js';

// The journal on its own: what a run records is what --resume reads back, whatever the entry's size
// (a listing of more than 1,000 rows is written row by row, and must still make one valid line).

const header = { tenancyId: 'ocid1.tenancy.oc1..aaaa', target: 'http://127.0.0.1:1' };
const rows = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `n,"${i}"\nü` }));

test('entries large and small round-trip through a resume, and every line is JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  try {
    const { journal } = Journal.open(dir, header, false);
    const big = rows(2500, 'c');
    journal.record({ phase: 'compartments', scopeId: header.tenancyId, rows: big, tenancy: { id: header.tenancyId, name: 'root' } });
    journal.record({ phase: 'tag_defaults', scopeId: 'c1', rows: rows(2, 'd') });
    journal.record({ phase: 'tag_defaults', scopeId: 'c2', rows: [] });
    journal.close();

    for (const line of readFileSync(join(dir, JOURNAL_FILE), 'utf8').trimEnd().split('\n')) JSON.parse(line);
    const { journal: again, done } = Journal.open(dir, header, true);
    again.close();
    assert.equal(done.size, 3, 'an entry after the large one is read too');
    const listing = done.get(Journal.key('compartments', header.tenancyId))!;
    assert.deepEqual(listing.rows, big);
    assert.deepEqual(listing.tenancy, { id: header.tenancyId, name: 'root' });
    assert.deepEqual(done.get(Journal.key('tag_defaults', 'c1'))!.rows, rows(2, 'd'));
    assert.deepEqual(done.get(Journal.key('tag_defaults', 'c2'))!.rows, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a row holding long strings or arrays is journaled in pieces, and reads back the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  try {
    // A surrogate pair and characters that need escapes straddle the cut between pieces.
    const text = 'a'.repeat((1 << 16) - 1) + '😀"\\\n' + 'é'.repeat(70_000);
    const lengths = Array.from({ length: 140_000 }, (_, i) => i % 7);
    const costs = Array.from({ length: 140_000 }, (_, i) => i / 3);
    // Typed arrays, long or short, are written as arrays; a number JSON has no word for as null.
    const odd = [1, NaN, -0, Infinity, 2.5];
    const packed = { month: '2026-01', tag: { namespace: 'ns', key: 'k' }, skipped: undefined, text, lengths, costs: Float64Array.from(costs), currency: Uint32Array.from([0, 1]), odd: Float64Array.from(odd), chunks: ['x'.repeat(40_000), 'ÿ"'.repeat(20_000), '€'] };
    const { journal } = Journal.open(dir, header, false);
    journal.record({ phase: 'cost', scopeId: '2026-01|k', rows: [packed] });
    journal.close();
    const line = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trimEnd().split('\n')[1];
    const whole = JSON.stringify({ phase: 'cost', scopeId: '2026-01|k', rows: [{ ...packed, costs, currency: [0, 1], odd }] });
    // The same JSON but for the pair, which a cut writes as two escapes: it reads back the same.
    assert.deepEqual(JSON.parse(line!), JSON.parse(whole));
    assert.equal(line!.replace('\\ud83d\\ude00', '😀'), whole);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a journal of another format is refused on resume, with what to do, not misread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  try {
    writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify({ journal: 2, ...header, startedAt: '2026-01-01T00:00:00Z' }) + '\n' + JSON.stringify({ phase: 'cost', scopeId: 's', rows: [{ a: 1 }] }) + '\n');
    assert.throws(() => Journal.open(dir, header, true), (e: Error) => e.name === 'UsageError' && /another version of oci-growth \(journal format 2, this one reads 3\); run again without --resume/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
