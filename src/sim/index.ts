import { createPublicKey } from 'node:crypto';
import { SignatureVerifier } from './auth.js';
import { FaultInjector } from './faults.js';
import { generateTenancy } from './generate.js';
import { evolveTenancy } from './evolve.js';
import { groundTruthOf, serviceTruthOf, type GroundTruth, type ServiceTruth } from './ground-truth.js';
import { materialFromPrivateKey, sharedKeyMaterial, writeOciConfig, type WrittenConfig } from './keys.js';
import { Admission } from './limits.js';
import { resolveOptions, type ResolvedLimits, type SimOptions } from './options.js';
import { hashString, stream } from './random.js';
import { IdentityApi } from './routes.js';
import { SessionTokens, type IssueOptions } from './session.js';
import { SimServer } from './server.js';
import { subscribedRegions, type SimRegion } from './regions.js';
import { ResourceGenerator } from './generate-resources.js';
import { CostModel, tagKeyOf } from './generate-costs.js';
import { SearchApi } from './search.js';
import { UsageApi } from './usage.js';
import { Dispatcher, type ServicePolicy } from './dispatch.js';
import { StatsRecorder, type SimStats } from './stats.js';

// The simulated OCI tenancy, in-process: a deterministic tenancy behind an Identity-compatible HTTP
// server that checks signatures, throttles, fails on purpose and counts what it saw.

export type { SimOptions } from './options.js';
export type { GroundTruth, ServiceTruth, RegionResource, MonthCost, TagValueCost } from './ground-truth.js';
export type { SimRegion } from './regions.js';
export type { SimResource } from './generate-resources.js';
export type { ServiceLimits } from './options.js';
export type { TagDefaultsByDefinition } from './routes.js';
export type { ExpectedChange } from './evolve.js';
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
  /** A session token for the simulated user's key (keyId `ST$<token>`), as `oci session authenticate` writes. */
  issueSessionToken(opts?: IssueOptions): string;
  writeConfig(dir: string, opts?: { profile?: string; passphrase?: string }): Promise<WrittenConfig>;
  groundTruth: GroundTruth;
  /** Resources and costs, computed from the model on demand (see ServiceTruth). */
  serviceTruth: ServiceTruth;
  /** Subscribed regions, home first. */
  regions: readonly SimRegion[];
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
  const changes = evolveTenancy(model, o.evolve, o.seed);
  const generatedInMs = performance.now() - started;
  const regions = subscribedRegions(o.region, o.regions);
  const resources = new ResourceGenerator(model, regions, o.seed, o.resourcesPerCompartment);
  const costTracking = model.tagDefinitions.filter((d) => d.isCostTracking).map((d) => tagKeyOf(d.tagNamespaceName, d.name));
  const costs = new CostModel(resources, new Set(costTracking));
  const groundTruth = groundTruthOf(model, regions, o.searchRefusal, changes);
  let groundTruthJson: string | undefined;

  const key = o.privateKeyPem ? materialFromPrivateKey(o.privateKeyPem) : await sharedKeyMaterial();
  const keyId = `${model.tenancy.id}/${model.userId}/${key.fingerprint}`;
  const verifier = new SignatureVerifier();
  verifier.trust(keyId, key.publicKeyPem);
  const sessions = new SessionTokens(verifier, createPublicKey(key.publicKeyPem));

  const stats = new StatsRecorder();
  // Identity keeps the streams it always had, so a faulty run from before replays the same.
  const policy = (limits: ResolvedLimits, label?: string): ServicePolicy => ({
    admission: new Admission(limits),
    faults: new FaultInjector(limits.faults, label ? o.faultSeed ^ hashString(label) : o.faultSeed),
    latency: { fixedMs: limits.latencyMs, jitterMs: limits.jitterMs, perInFlightMs: limits.latencyPerInFlightMs, rng: stream(o.faultSeed, label ? `latency|${label}` : 'latency') },
    retryAfterSeconds: limits.retryAfterSeconds,
    inFlight: 0,
  });
  const dispatcher = new Dispatcher({
    identity: new IdentityApi(model, { pageCap: o.pageCap, regions, tagDefaultsByDefinition: o.tagDefaultsByDefinition, refuseGetTenancy: o.refuseGetTenancy }),
    search: new SearchApi(resources, o.pageCap, o.searchRefusal),
    usage: new UsageApi(costs, model.tenancy.id, o.pageCap),
    regions,
    sessions,
    policies: {
      identity: policy(o),
      usage: policy(o.usage, 'usage'),
      search: new Map(regions.map((r) => [r.regionName, policy(o.search, `search|${r.regionName}`)])),
    },
  });
  const server = new SimServer({
    dispatcher,
    verifier,
    stats,
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
    issueSessionToken: (opts) => sessions.issue(opts),
    writeConfig: (dir, opts) =>
      writeOciConfig(dir, key, { userId: model.userId, tenancyId: model.tenancy.id, region: o.region, fingerprint: key.fingerprint }, opts),
    groundTruth,
    serviceTruth: serviceTruthOf(resources, costs),
    regions,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    generatedInMs,
    close: () => (closing ??= server.close()),
  };
}
