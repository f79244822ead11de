import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizeError } from '../src/oci/errors.js';
import { request } from '../src/oci/node-http.js';

// The transport under the SDK (src/oci/node-http.ts): a WHATWG Response for every answer, and failures
// shaped as fetch's, so errors.ts classifies a timeout, an abort and a dead socket as before.

let server: Server;
let base: string;
let connections = 0;
before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/hang') return; // never answers
    if (path === '/reset') return void req.socket.destroy();
    if (path === '/no-content') return void res.writeHead(204).end();
    if (path === '/echo') {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2', 'opc-request-id': 'r1' });
        res.end(JSON.stringify({ method: req.method, body, auth: req.headers['authorization'], port: req.socket.remotePort }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

test('sends method, headers and body; answers with status, headers and body; reuses the connection', async () => {
  const before = connections;
  const ports = new Set<number>();
  for (let i = 0; i < 3; i++) {
    const r = await request(`${base}/echo`, { method: 'POST', headers: new Headers({ authorization: 'Signature x' }), body: 'héllo', timeoutMs: 5000 });
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '2');
    assert.equal(r.headers.get('opc-request-id'), 'r1');
    const j = await r.json();
    assert.deepEqual([j.method, j.body, j.auth], ['POST', 'héllo', 'Signature x']);
    ports.add(j.port);
  }
  assert.equal(ports.size, 1, 'one kept-alive socket for calls made one after another');
  assert.equal(connections - before, 1);
});

test('a status without a body gives a Response without one', async () => {
  const r = await request(`${base}/no-content`, { method: 'DELETE', headers: new Headers(), timeoutMs: 5000 });
  assert.equal(r.status, 204);
  assert.equal(r.body, null);
});

// Only ordering, no speed: the server never answers, so ending at all shows the timeout fired, and
// it cannot fire before its time. The test's own timeout, 100 times longer, turns a timeout that never
// fires into a failure instead of a hung run, with room for any loaded machine.
test('no answer within the timeout: a TimeoutError, which errors.ts calls a retryable Timeout', { timeout: 15_000 }, async () => {
  const started = performance.now();
  const e = await request(`${base}/hang`, { method: 'GET', headers: new Headers(), timeoutMs: 150 }).catch((x: unknown) => x);
  assert.ok(performance.now() - started >= 140, 'not before the timeout');
  assert.equal((e as Error).name, 'TimeoutError');
  const f = normalizeError(e);
  assert.equal(f.serviceCode, 'Timeout');
  assert.ok(f.retryable);
});

test('an aborted signal stops the request with an AbortError, long before its timeout', { timeout: 15_000 }, async () => {
  const ac = new AbortController();
  const p = request(`${base}/hang`, { method: 'GET', headers: new Headers(), timeoutMs: 600_000, signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  const e = await p.catch((x: unknown) => x);
  assert.equal((e as Error).name, 'AbortError');
});

test('one signal stops every request waiting on it; requests already answered are left alone', { timeout: 15_000 }, async () => {
  const ac = new AbortController();
  const init = { method: 'GET', headers: new Headers(), timeoutMs: 600_000, signal: ac.signal };
  const answered = await request(`${base}/echo`, init);
  const hanging = [1, 2, 3].map(() => request(`${base}/hang`, init).catch((x: unknown) => x));
  setTimeout(() => ac.abort(), 50);
  for (const e of await Promise.all(hanging)) assert.equal((e as Error).name, 'AbortError');
  assert.equal(answered.status, 429, "answered as the server answered, not aborted afterwards");
});

test('a reset connection and a refused one are network errors with the system code', async () => {
  const reset = await request(`${base}/reset`, { method: 'GET', headers: new Headers(), timeoutMs: 5000 }).catch((x: unknown) => x);
  assert.equal(normalizeError(reset).serviceCode, 'NetworkError');
  assert.match(normalizeError(reset).message, /ECONNRESET|socket hang up/);

  const closed = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
  const refused = await request(`http://127.0.0.1:${closed}/`, { method: 'GET', headers: new Headers(), timeoutMs: 5000 }).catch((x: unknown) => x);
  const f = normalizeError(refused);
  assert.equal(f.serviceCode, 'NetworkError');
  assert.match(f.message, /ECONNREFUSED/);
  assert.ok(f.retryable);
});
