import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costWindows } from '../src/analyze/months.js';

// The Usage API answers 400 to any time off UTC midnight, and MONTHLY wants both ends on a 1st.

const at = (iso: string) => new Date(iso);
const onMidnightOfFirst = (iso: string) => /^\d{4}-\d{2}-01T00:00:00\.000Z$/.test(iso);

test('three full months before the current one, then the current month to date', () => {
  const w = costWindows(at('2026-11-29T21:43:00Z'), 3);
  assert.deepEqual(
    w.map((x) => [x.month, x.start, x.end, x.toDate]),
    [
      ['2026-08', '2026-08-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z', false],
      ['2026-09', '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', false],
      ['2026-10', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', false],
      ['2026-11', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', true],
    ],
  );
});

test('on the 1st the current month is left out: nothing of it is complete', () => {
  const w = costWindows(at('2026-12-01T00:30:00Z'), 2);
  assert.deepEqual(w.map((x) => x.month), ['2026-10', '2026-11']);
});

test('across a year end, and the last day of the month before midnight UTC', () => {
  assert.deepEqual(costWindows(at('2027-01-15T12:00:00Z'), 3).map((x) => x.month), ['2026-10', '2026-11', '2026-12', '2027-01']);
  // 23:59 UTC on the 31st is still that month, whatever the local zone says.
  const w = costWindows(at('2026-12-31T23:59:59.999Z'), 1);
  assert.deepEqual(w.map((x) => [x.month, x.end]), [['2026-11', '2026-12-01T00:00:00.000Z'], ['2026-12', '2027-01-01T00:00:00.000Z']]);
});

test('leap February: a window from Feb 1 to Mar 1 whatever the year length', () => {
  const w = costWindows(at('2028-03-10T00:00:00Z'), 1);
  assert.deepEqual(w[0], { month: '2028-02', start: '2028-02-01T00:00:00.000Z', end: '2028-03-01T00:00:00.000Z', toDate: false });
  const leap = costWindows(at('2028-02-29T08:00:00Z'), 0);
  assert.deepEqual(leap.map((x) => [x.month, x.start, x.end]), [['2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z']]);
});

test('every end of every window sits on the 1st at UTC midnight, over years of clocks', () => {
  for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2029, 0, 1); t += 37 * 3600 * 1000 + 17 * 60 * 1000) {
    for (const x of costWindows(new Date(t), 4)) {
      assert.ok(onMidnightOfFirst(x.start) && onMidnightOfFirst(x.end), `${new Date(t).toISOString()}: ${x.start} – ${x.end}`);
      assert.ok(x.start < x.end);
    }
  }
});
