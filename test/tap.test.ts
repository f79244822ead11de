import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { Tap } from '../src/collect/tap.js';

async function take<T>(items: AsyncIterable<T>, n = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) {
    out.push(x);
    if (out.length >= n) break;
  }
  return out;
}

test('what is released before the reader comes waits for it, in order, and the reader ends with the phase', async () => {
  const tap = new Tap<number>();
  tap.push(1);
  tap.push(2);
  const read = take(tap);
  await tick();
  tap.push(3);
  await tick();
  tap.push(4);
  tap.end();
  assert.deepEqual(await read, [1, 2, 3, 4]);
});

test('a reader waiting on a slow phase gets each result as it comes', async () => {
  const tap = new Tap<string>();
  const seen: string[] = [];
  const reading = (async () => {
    for await (const x of tap) seen.push(x);
  })();
  await tick();
  assert.deepEqual(seen, []);
  tap.push('a');
  await tick();
  assert.deepEqual(seen, ['a']);
  tap.end();
  await reading;
});

test('a failed phase fails its reader after what it released before', async () => {
  const tap = new Tap<number>();
  tap.push(1);
  tap.fail(new Error('disk full'));
  const seen: number[] = [];
  await assert.rejects(
    (async () => {
      for await (const x of tap) seen.push(x);
    })(),
    /disk full/,
  );
  assert.deepEqual(seen, [1]);
});

test('once the reader is gone or will not come, results are not kept', async () => {
  const tap = new Tap<number>();
  tap.push(1);
  assert.deepEqual(await take(tap, 1), [1]);
  // The reader stopped early: the phase goes on pushing, and nothing piles up for nobody.
  for (let i = 0; i < 5; i++) tap.push(i);
  tap.end();
  await assert.rejects(take(tap), /second reader/);

  const skipped = new Tap<number>();
  skipped.push(1);
  skipped.drop();
  skipped.push(2);
  skipped.end();
  assert.deepEqual(await take(skipped), []);
});

test('a long phase read as it goes comes out whole and in order (the taken part is dropped on the way)', async () => {
  const tap = new Tap<number>();
  const n = 5000;
  const reading = take(tap);
  for (let i = 0; i < n; i++) {
    tap.push(i);
    // Bursts ahead of the reader, so the buffer is compacted with items still waiting in it.
    if (i % 1500 === 0) await tick();
  }
  tap.end();
  assert.deepEqual(await reading, Array.from({ length: n }, (_, i) => i));
});
