import { SignatureVerifier } from './auth.js';
import { FaultInjector } from './faults.js';
import { generateTenancy } from './generate.js';
import { groundTruthOf, type GroundTruth } from './ground-truth.js';
import { materialFromPrivateKey, sharedKeyMaterial, writeOciConfig, type WrittenConfig } from './keys.js';
import { Admission } from './limits.js';
import { resolveOptions, type SimOptions } from './options.js';
import { hashString, stream } from './random.js';
import { IdentityApi } from './routes.js';
import { SimServer } from './server.js';
import { StatsRecorder, type SimStats } from './stats.js';

// The simulated OCI tenancy, in-process: a deterministic tenancy behind an Identity-compatible HTTP
// server that checks signatures, throttles, fails on purpose and counts what it saw.

export type { SimOptions } from './options.js';
export type { GroundTruth } from './ground-truth.js';
export type { SimStats, RouteStats } from './stats.js';
export type { SimCompartment, SimTagNamespace, SimTagSummary, SimTagDefinition, SimTagDefault, SimTenancy } from './model.js';
export { generateTenancy } from './generate.js';
export { resolveOptions, DEFAULTS as SIM_DEFAULTS } from './options.js';

export interface SimCredentials {
  userId: string;
  fingerprint: string;
  privateKeyPem: string;
  keyId: string;
}

export interface Simulator {
  /** `http://host:port`, without /20160918 (the SDK appends it). */
  url: string;
  tenancyId: string;
  region: string;
  credentials: SimCredentials;
  trustKey(keyId: string, publicKeyPem: string): void;
  writeConfig(dir: string, opts?: { profile?: string; passphrase?: string }): Promise<WrittenConfig>;
  groundTruth: GroundTruth;
  stats(): SimStats;
  resetStats(): void;
  /** Time spent generating the tenancy, for benches to report. */
  generatedInMs: number;
  close(): Promise<void>;
}

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  const o = resolveOptions(options);
  const started = performance.now();
  const model = generateTenancy(o);
  const generatedInMs = performance.now() - started;
  const groundTruth = groundTruthOf(model);
  let groundTruthJson: string | undefined;

  const key = o.privateKeyPem ? materialFromPrivateKey(o.privateKeyPem) : await sharedKeyMaterial();
  const keyId = `${model.tenancy.id}/${model.userId}/${key.fingerprint}`;
  const verifier = new SignatureVerifier();
  verifier.trust(keyId, key.publicKeyPem);

  const stats = new StatsRecorder();
  const server = new SimServer({
    api: new IdentityApi(model, o.pageCap),
    verifier,
    admission: new Admission(o),
    faults: new FaultInjector(o.faults, o.faultSeed),
    stats,
    latency: { fixedMs: o.latencyMs, jitterMs: o.jitterMs, perInFlightMs: o.latencyPerInFlightMs, rng: stream(o.faultSeed, 'latency') },
    retryAfterSeconds: o.retryAfterSeconds,
    requestIdPrefix: hashString(`${o.seed}`).toString(16).toUpperCase().padStart(16, '0'),
    groundTruthJson: () => (groundTruthJson ??= JSON.stringify(groundTruth)),
  });
  const address = await server.listen(o.host, o.port);
  // A wildcard bind is reachable on loopback; clients cannot connect to 0.0.0.0 everywhere.
  const reachable = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const host = reachable.includes(':') ? `[${reachable}]` : reachable;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    tenancyId: model.tenancy.id,
    region: o.region,
    credentials: { userId: model.userId, fingerprint: key.fingerprint, privateKeyPem: key.privateKeyPem, keyId },
    trustKey: (id, pem) => verifier.trust(id, pem),
    writeConfig: (dir, opts) =>
      writeOciConfig(dir, key, { userId: model.userId, tenancyId: model.tenancy.id, region: o.region, fingerprint: key.fingerprint }, opts),
    groundTruth,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    generatedInMs,
    close: () => (closing ??= server.close()),
  };
}
