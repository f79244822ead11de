import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunks } from '../src/collect/chunk.js';
import type { LimiterRef, Scope, ScopeMessage, Task } from '../workers/protocol.js';

const buffer = new SharedArrayBuffer(4);
const limiter = (s: Scope): LimiterRef => ({ key: `search:${s.region}`, buffer });

function lazyScopes(regions: string[], ids: string[], made: { count: number }): Iterable<Scope> {
  return {
    *[Symbol.iterator]() {
      for (const region of regions)
        for (const id of ids) {
          made.count++;
          yield { id, region };
        }
    },
  };
}

const describe = (items: (Task | ScopeMessage)[]) =>
  items.map((x) => ('type' in x ? `journal ${x.index}` : `${x.limiter.key} [${x.indexes.join(',')}]`));

test('tasks come in scope order, a region\'s last short chunk before the next region\'s first', () => {
  // A short chunk held back to the end would hold up the ordered writes of everything after it.
  let id = 0;
  const made = { count: 0 };
  const items = [...chunks('resources', lazyScopes(['r1', 'r2'], ['a', 'b', 'c', 'd', 'e'], made), 2, { limiter, resumed: () => undefined, nextChunkId: () => id++ })];
  assert.deepEqual(describe(items), ['search:r1 [0,1]', 'search:r1 [2,3]', 'search:r1 [4]', 'search:r2 [5,6]', 'search:r2 [7,8]', 'search:r2 [9]']);
  assert.deepEqual(
    items.map((t) => (t as Task).chunkId),
    [0, 1, 2, 3, 4, 5],
  );
  assert.deepEqual(
    (items[2] as Task).scopes,
    [{ id: 'e', region: 'r1' }],
  );
});

test('scopes are made as tasks are taken, not all up front', () => {
  const made = { count: 0 };
  let id = 0;
  const it = chunks('resources', lazyScopes(['r1'], Array.from({ length: 1000 }, (_, i) => `c${i}`), made), 10, { limiter, resumed: () => undefined, nextChunkId: () => id++ })[Symbol.iterator]();
  it.next();
  it.next();
  // The scope that closes a chunk is read before the chunk is handed out.
  assert.ok(made.count <= 21, `${made.count} scopes made for two tasks`);
});

test('a scope the journal holds comes out as its result, in its place, and is not in any task', () => {
  let id = 0;
  const resumed = (scopeId: string, index: number): ScopeMessage | undefined =>
    scopeId === 'r1|b' || scopeId === 'r1|c' ? { type: 'scope', chunkId: -1, phase: 'resources', scopeId, index, rows: [], failures: [], attempts: 0 } : undefined;
  const items = [...chunks('resources', lazyScopes(['r1'], ['a', 'b', 'c', 'd'], { count: 0 }), 2, { limiter, resumed, nextChunkId: () => id++ })];
  assert.deepEqual(describe(items), ['journal 1', 'journal 2', 'search:r1 [0,3]']);
});
