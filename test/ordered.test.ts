import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderedRelease } from '../src/collect/ordered.js';

test('results come out in dispatch order whatever order they finish in', async () => {
  const out: string[] = [];
  const r = new OrderedRelease<string>(4, async (v) => {
    out.push(v);
  });
  await r.accept(2, 'C');
  await r.accept(1, 'B');
  assert.deepEqual(out, []);
  await r.accept(0, 'A');
  assert.deepEqual(out, ['A', 'B', 'C']);
  await r.accept(3, 'D');
  assert.deepEqual(out, ['A', 'B', 'C', 'D']);
  assert.equal(r.released, 4);
});

test('a second result for a scope, or one never dispatched, is an error, not a silent overwrite', async () => {
  const r = new OrderedRelease<string>(2, async () => {});
  await r.accept(0, 'A');
  assert.throws(() => r.accept(0, 'again'), /second result/);
  assert.throws(() => r.accept(2, 'Z'), /not dispatched/);
  assert.throws(() => r.accept(-1, 'Z'), /not dispatched/);
});
