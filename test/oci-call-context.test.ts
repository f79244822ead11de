/**
 * Each attempt's context reaches our HttpClient through the real SDK client, even with many attempts
 * of one shared client in flight at once: its timeout is the one used, and its answer (status,
 * Retry-After, latency) comes back to that attempt alone.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { RequestSigner } from 'oci-common';
import { withCallContext, type CallContext } from '../src/oci/call-context.js';
import { createClient } from '../src/oci/client.js';
import { normalizeError } from '../src/oci/errors.js';
import { quietConsole } from '../src/oci/quiet-console.js';

quietConsole(); // the SDK reports every failed attempt on the console

const HANGS = 'hangs';
let server: Server;
let url: string;

before(async () => {
  // Answers 429 with Retry-After set to the compartment's number, after a delay that makes answers
  // come back in another order than the requests went out; never answers the compartment HANGS.
  server = createServer((req, res) => {
    const id = new URL(req.url!, 'http://x').searchParams.get('compartmentId')!;
    if (id === HANGS) return;
    setTimeout(() => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': id });
      res.end(JSON.stringify({ code: 'TooManyRequests', message: 'slow down' }));
    }, 40 - Number(id) * 2);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const noSigning: RequestSigner = { signHttpRequest: async () => {} };
const client = () => createClient('identity', { signer: noSigning, warnings: [] }, { auth: { kind: 'api_key', configFile: '', profile: '', signer: 'fast' }, endpoint: url, timeoutMs: 60_000 });

test('concurrent attempts on one client each get their own answer back in their context', async () => {
  const identity = await client();
  const contexts: CallContext[] = Array.from({ length: 20 }, () => ({ timeoutMs: 10_000 }));
  const errors = await Promise.all(contexts.map((ctx, i) => withCallContext(identity, ctx).listTagDefaults({ compartmentId: String(i) }).catch((e: unknown) => e)));
  errors.forEach((e, i) => {
    assert.equal((e as { statusCode?: number }).statusCode, 429);
    assert.equal(contexts[i]!.status, 429);
    assert.equal(contexts[i]!.retryAfterMs, i * 1000, `attempt ${i} got its own Retry-After`);
    assert.ok(contexts[i]!.latencyMs! >= 0);
  });
});

test("an attempt is cut at its context's timeout, not the client's", async () => {
  const ctx: CallContext = { timeoutMs: 100 };
  const t0 = performance.now();
  const e = await withCallContext(await client(), ctx).listTagDefaults({ compartmentId: HANGS }).catch((x: unknown) => x);
  assert.equal(ctx.timedOut, true);
  assert.equal(normalizeError(e, ctx).serviceCode, 'Timeout');
  assert.ok(performance.now() - t0 < 30_000, 'long before the client-wide 60 s');
});
