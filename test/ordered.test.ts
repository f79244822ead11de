import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderedRelease } from '../src/collect/ordered.js';

test('results come out in dispatch order whatever order they finish in', async () => {
  const out: string[] = [];
  const r = new OrderedRelease<string>(['a', 'b', 'c', 'd'], async (v) => {
    out.push(v);
  });
  await r.accept('c', 'C');
  await r.accept('b', 'B');
  assert.deepEqual(out, []);
  await r.accept('a', 'A');
  assert.deepEqual(out, ['A', 'B', 'C']);
  await r.accept('d', 'D');
  assert.deepEqual(out, ['A', 'B', 'C', 'D']);
  assert.equal(r.released, 4);
});

test('a second result for a scope, or one never dispatched, is an error, not a silent overwrite', async () => {
  const r = new OrderedRelease<string>(['a', 'b'], async () => {});
  await r.accept('a', 'A');
  assert.throws(() => r.accept('a', 'again'), /second result/);
  assert.throws(() => r.accept('zzz', 'Z'), /not dispatched/);
});
