import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallError, emptyStats, listAll, MAX_PAGES, type Caller } from '../src/oci/call.js';
import { DEFAULT_RETRY } from '../src/oci/retry.js';
import type { Gate, Permit } from '../src/limit/index.js';

// listAll on its own: a server whose page tokens never repeat but never end either (the simulator's
// looping listing repeats its token; collect-pagination-loop.test.ts covers that end to end).

const gate: Gate = { acquire: async (): Promise<Permit> => ({ sentAt: 0 }), release: () => {} };
const caller = (): Caller => ({ gate, policy: DEFAULT_RETRY, timeoutMs: 1000, stats: emptyStats(), cancelled: () => false });

test(`a listing that never ends stops after ${MAX_PAGES} pages with a PaginationLoop failure`, async () => {
  let pages = 0;
  const e = await listAll(caller(), async () => ({ items: [pages], opcNextPage: `p${++pages}` })).catch((x: unknown) => x);
  assert.ok(e instanceof CallError, String(e));
  assert.equal(e.failure.serviceCode, 'PaginationLoop');
  assert.equal(e.failure.retryable, false);
  assert.match(e.failure.message, new RegExp(`did not end within ${MAX_PAGES} pages`));
  assert.equal(pages, MAX_PAGES);
});

test('a listing that ends is followed to its last page', async () => {
  let pages = 0;
  const r = await listAll(caller(), async () => (++pages < 5 ? { items: [pages], opcNextPage: `p${pages}` } : { items: [pages] }));
  assert.deepEqual(r.items, [1, 2, 3, 4, 5]);
});
