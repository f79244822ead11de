// `npx tsx bench/transport.ts [requests]`: CPU per request of the two ways to send a call under the
// SDK — fetch (what the SDK's own FetchHttpClient uses) and src/oci/node-http.ts (what ours uses) —
// against the simulator at zero latency, 32 in flight. The simulator runs in its own process, so the
// CPU measured here is the client's alone. Why node-http.ts exists; rerun when Node or undici changes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from '../src/oci/node-http.js';
import { SimProcess } from './lib/sim.js';

const N = Number(process.argv[2] ?? 20_000);
const C = 32;
const sim = await SimProcess.start({ compartments: 10, latencyMs: 0 }, await mkdtemp(join(tmpdir(), 'oci-growth-transport-')));
// An unknown path: the simulator answers a small OCI error body without checking a signature.
const url = `${sim.target.url}/20160918/no-such-route`;

async function measure(name: string, send: () => Promise<Response>): Promise<void> {
  let left = N;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (left-- > 0) await (await send()).text();
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  process.stdout.write(`${name.padEnd(9)} ${Math.round((N / ms) * 1000).toLocaleString('en-US').padStart(7)} req/s  ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms CPU/req\n`);
}

try {
  for (let round = 0; round < 2; round++) {
    await measure('fetch', () => fetch(url, { headers: { 'x-a': '1' }, signal: AbortSignal.timeout(30_000) }));
    await measure('node-http', () => request(url, { method: 'GET', headers: new Headers({ 'x-a': '1' }), timeoutMs: 30_000 }));
  }
} finally {
  await sim.stop();
}
