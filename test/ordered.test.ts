import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

test('a written result is let go while the same drain goes on writing later ones', async () => {
  // A long run of in-order results is written by one drain: none may be kept alive until it ends.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const open: (() => void)[] = [];
  const gates = [0, 1].map(() => new Promise<void>((resolve) => open.push(resolve)));
  const r = new OrderedRelease<{ gate?: number }>(3, async (v) => {
    if (v.gate !== undefined) await gates[v.gate];
  });
  void r.accept(0, { gate: 0 });
  let second!: WeakRef<object>;
  const written = (() => {
    const value = { rows: new Array(1000).fill('x') };
    second = new WeakRef(value);
    return r.accept(1, value);
  })();
  const last = r.accept(2, { gate: 1 });
  await tick();
  open[0]!();
  await written;
  await tick();
  gc();
  assert.equal(second.deref(), undefined);
  open[1]!();
  await last;
});
