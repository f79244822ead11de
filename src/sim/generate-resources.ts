import { ocid } from './ocid.js';
import { hashString, int, pick, stream, type Rng } from './random.js';
import { availabilityDomain, type SimRegion } from './regions.js';
import { TAG_VALUES } from './text.js';
import type { DefinedTags, FreeformTags, SimTagDefault, SimTagDefinition, TenancyModel } from './model.js';

// Resources, as Resource Search returns them, for every (region, ACTIVE compartment or root). Never
// stored: each scope is regenerated from its own seed on demand, so 50,000 compartments × regions cost
// nothing until asked for. Defined tags mostly follow the compartment's effective tag defaults,
// computed here on their own (own + ancestors', nearest wins) as the independent truth.

export interface SimResource {
  resourceType: string;
  identifier: string;
  compartmentId: string;
  displayName: string;
  lifecycleState: string;
  timeCreated: string;
  availabilityDomain: string | null;
  definedTags: DefinedTags;
  freeformTags: FreeformTags;
  systemTags: DefinedTags;
}

/** A resource plus what its cost is made of: a daily rate in cost units, from its creation day on. */
export interface CostedResource {
  resource: SimResource;
  region: string;
  dailyUnits: number;
  createdMs: number;
}

const KINDS: readonly [type: string, ocidKind: string, state: string, zonal: boolean][] = [
  ['Instance', 'instance', 'RUNNING', true],
  ['Volume', 'volume', 'AVAILABLE', true],
  ['BootVolume', 'bootvolume', 'AVAILABLE', true],
  ['Bucket', 'bucket', 'ACTIVE', false],
  ['Vcn', 'vcn', 'AVAILABLE', false],
  ['Subnet', 'subnet', 'AVAILABLE', false],
  ['AutonomousDatabase', 'autonomousdatabase', 'AVAILABLE', false],
  ['LoadBalancer', 'loadbalancer', 'ACTIVE', false],
];
// Lower-case twins of common defined keys: the case collisions a tag audit has to notice.
const FREEFORM_KEYS = ['costcenter', 'environment', 'env', 'owner', 'app'];
const FREEFORM_VALUES = ['cc-1001', 'cc-2040', 'prod', 'dev', 'team-atlas', 'alice', 'Zürich – 東京'];
const PLAIN_VALUES = TAG_VALUES.filter((v) => !v.includes('${'));
const RESOURCE_EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const PER_SCOPE_ORDINALS = 1024;

export const ADMIN_PRINCIPAL = 'default/admin@example.com';

/** What a tag default's value becomes on a resource created by the simulated admin. */
function resolve(value: string, timeCreated: string): string {
  return value
    .replaceAll('${iam.principal.name}', ADMIN_PRINCIPAL)
    .replaceAll('${iam.principal.type}', 'user')
    .replaceAll('${oci.datetime}', timeCreated);
}

export class ResourceGenerator {
  readonly #model: TenancyModel;
  readonly #seed: number;
  readonly #perCompartment: number;
  readonly #regions: readonly SimRegion[];
  readonly #definitions: Map<string, SimTagDefinition>;
  readonly #usable: SimTagDefinition[];
  readonly #usableIds: Set<string>;
  readonly #index = new Map<string, number>();
  readonly #rootTime: number;

  constructor(model: TenancyModel, regions: readonly SimRegion[], seed: number, perCompartment: number) {
    this.#model = model;
    this.#seed = seed;
    this.#perCompartment = perCompartment;
    this.#regions = regions;
    this.#definitions = new Map(model.tagDefinitions.map((d) => [d.id, d]));
    const retiredNs = new Set(model.tagNamespaces.filter((n) => n.isRetired).map((n) => n.id));
    // OCI applies no default of a retired tag to new resources.
    this.#usable = model.tagDefinitions.filter((d) => !d.isRetired && !retiredNs.has(d.tagNamespaceId));
    this.#usableIds = new Set(this.#usable.map((d) => d.id));
    this.#index.set(model.tenancy.id, 0);
    for (const c of this.activeCompartments()) this.#index.set(c.id, this.#index.size);
    // Compartments are listed oldest first; the root is older than any of them.
    const first = model.compartments[0];
    this.#rootTime = first ? Date.parse(first.timeCreated) - DAY : Date.UTC(2019, 0, 1);
  }

  get regions(): readonly SimRegion[] {
    return this.#regions;
  }

  *activeCompartments() {
    for (const c of this.#model.compartments) if (c.lifecycleState === 'ACTIVE') yield c;
  }

  /** The root first, then ACTIVE compartments in listing order: every scope Search answers for. */
  scopes(): string[] {
    return [...this.#index.keys()];
  }

  /** Own defaults plus ancestors', for one definition the nearest compartment's. */
  effectiveDefaults(compartmentId: string): SimTagDefault[] {
    const seen = new Map<string, SimTagDefault>();
    let id: string | undefined = compartmentId;
    while (id) {
      for (const d of this.#model.tagDefaultsByCompartment.get(id) ?? []) if (!seen.has(d.tagDefinitionId)) seen.set(d.tagDefinitionId, d);
      id = id === this.#model.tenancy.id ? undefined : (this.#model.compartmentById.get(id)?.compartmentId ?? undefined);
    }
    return [...seen.values()];
  }

  /** Resources of one ACTIVE compartment (or the root) in one region; [] for anything else. */
  resourcesIn(region: string, compartmentId: string): CostedResource[] {
    const index = this.#index.get(compartmentId);
    const r = this.#regions.find((x) => x.regionName === region);
    if (index === undefined || !r) return [];
    const rng = stream(this.#seed, `resources|${region}|${compartmentId}`);
    const count = Math.min(PER_SCOPE_ORDINALS, Math.floor(rng() * (2 * this.#perCompartment + 1)));
    const compartment = this.#model.compartmentById.get(compartmentId);
    const from = compartment ? Date.parse(compartment.timeCreated) : this.#rootTime;
    const defaults = this.effectiveDefaults(compartmentId).filter((d) => this.#usableIds.has(d.tagDefinitionId));
    const out: CostedResource[] = [];
    for (let i = 0; i < count; i++) {
      const [type, kind, state, zonal] = pick(rng, KINDS);
      const createdMs = from + Math.floor(rng() * Math.max(DAY, RESOURCE_EPOCH - from));
      const timeCreated = new Date(createdMs).toISOString();
      const identifier = ocid(kind, rng, index * PER_SCOPE_ORDINALS + i).replace('.oc1..', `.oc1.${r.regionKey.toLowerCase()}.`);
      const tags = this.#tags(rng, defaults, timeCreated);
      out.push({
        resource: {
          resourceType: type,
          identifier,
          compartmentId,
          displayName: `${kind}-${i + 1}-${hashString(identifier).toString(36)}`,
          lifecycleState: state,
          timeCreated,
          availabilityDomain: zonal ? availabilityDomain(region, int(rng, 1, 3)) : null,
          ...tags,
          systemTags: {},
        },
        region,
        dailyUnits: int(rng, 8, 2000),
        createdMs,
      });
    }
    return out;
  }

  /** Every resource of one region (of every region when omitted), scope by scope. */
  *all(region?: string): Generator<CostedResource> {
    for (const r of this.#regions) {
      if (region !== undefined && r.regionName !== region) continue;
      for (const id of this.#index.keys()) yield* this.resourcesIn(r.regionName, id);
    }
  }

  #tags(rng: Rng, defaults: SimTagDefault[], timeCreated: string): { definedTags: DefinedTags; freeformTags: FreeformTags } {
    const definedTags: DefinedTags = {};
    const freeformTags: FreeformTags = {};
    if (rng() < 0.12) return { definedTags, freeformTags };
    const set = (def: SimTagDefinition, value: string) => ((definedTags[def.tagNamespaceName] ??= {})[def.name] = value);
    for (const d of defaults) {
      const r = rng();
      // Mostly as defaulted; sometimes overwritten by hand, sometimes removed (only if not required).
      if (r < 0.05 && !d.isRequired) continue;
      set(this.#definitions.get(d.tagDefinitionId)!, r < 0.1 ? pick(rng, PLAIN_VALUES) : resolve(d.value, timeCreated));
    }
    if (this.#usable.length > 0 && rng() < 0.25) set(pick(rng, this.#usable), pick(rng, PLAIN_VALUES));
    if (rng() < 0.45) {
      const n = int(rng, 1, 2);
      for (let i = 0; i < n; i++) freeformTags[pick(rng, FREEFORM_KEYS)] = pick(rng, FREEFORM_VALUES);
    }
    return { definedTags, freeformTags };
  }
}
