import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../sim/index.js';
import type { CollectOptions } from '../collect/options.js';

export type SimulatedTarget = Pick<CollectOptions, 'auth' | 'endpoint' | 'tenancyId' | 'region' | 'metadata'>;

/**
 * `collect --simulate [N]`: starts the simulated tenancy in this process, writes a throw-away OCI
 * profile for it, and runs the real collection (threads, signing, HTTP) against it. The key pair is
 * generated for this run only and deleted afterwards.
 */
export async function withSimulatedTenancy<T>(
  compartments: number,
  evolve: number,
  run: (target: SimulatedTarget & { auth: CollectOptions['auth'] }) => Promise<T>,
  say: (message: string) => void,
): Promise<T> {
  const sim = await startSimulator({ compartments, evolve, latencyMs: 20, jitterMs: 10 });
  const dir = await mkdtemp(join(tmpdir(), 'oci-growth-sim-'));
  try {
    const { configFile, profile } = await sim.writeConfig(dir);
    const evolved = evolve ? `, ${sim.groundTruth.changes.length} changes applied` : '';
    say(`collecting from the built-in simulated tenancy (${compartments} compartments${evolved}, ~20 ms latency) at ${sim.url}`);
    return await run({
      auth: { kind: 'api_key', configFile, profile, signer: 'fast' },
      // Each region's Search goes to its own prefix; without {region} every region would answer as the home one.
      endpoint: `${sim.url}/{region}`,
      tenancyId: sim.tenancyId,
      region: sim.region,
      metadata: { simulated: { compartments, evolve, url: sim.url } },
    });
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}
