import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { OrderedRelease } from '../src/collect/ordered.js';

test('results come out in dispatch order whatever order they finish in', async () => {
  const out: string[] = [];
  const r = new OrderedRelease<string>(4, async (v) => {
    out.push(v);
  });
  const c = r.accept(2, 'C');
  const b = r.accept(1, 'B');
  await tick();
  assert.deepEqual(out, []);
  await r.accept(0, 'A');
  await Promise.all([b, c]);
  assert.deepEqual(out, ['A', 'B', 'C']);
  await r.accept(3, 'D');
  assert.deepEqual(out, ['A', 'B', 'C', 'D']);
  assert.equal(r.released, 4);
});

test('a result\'s promise settles when that result is written, not when it is accepted', async () => {
  // A caller bounding its unwritten results (the dispatcher's backlog) must see waiting ones as unwritten.
  const r = new OrderedRelease<string>(2, async () => {});
  let settled = false;
  const later = r.accept(1, 'B').then(() => (settled = true));
  await tick();
  await tick();
  assert.equal(settled, false);
  await r.accept(0, 'A');
  await later;
  assert.equal(settled, true);
});

test('a failed write fails that result and every one after it, and nothing more is written', async () => {
  const out: string[] = [];
  const r = new OrderedRelease<string>(4, async (v) => {
    if (v === 'B') throw new Error('disk full');
    out.push(v);
  });
  const c = r.accept(2, 'C');
  const b = r.accept(1, 'B');
  await r.accept(0, 'A');
  await assert.rejects(b, /disk full/);
  await assert.rejects(c, /disk full/);
  await assert.rejects(r.accept(3, 'D'), /disk full/);
  assert.deepEqual(out, ['A']);
});

test('a second result for a scope, or one never dispatched, is an error, not a silent overwrite', async () => {
  const r = new OrderedRelease<string>(2, async () => {});
  await r.accept(0, 'A');
  assert.throws(() => r.accept(0, 'again'), /second result/);
  assert.throws(() => r.accept(2, 'Z'), /not dispatched/);
  assert.throws(() => r.accept(-1, 'Z'), /not dispatched/);
});
