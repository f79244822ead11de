import { invalidParameter, missingParameter, notFound } from './errors.js';
import { firstPage, paginate, type Page } from './paging.js';
import type { SimCompartment, SimTagDefault, SimTagNamespace, SimTagSummary, TenancyModel } from './model.js';
import type { SimRegion } from './regions.js';

// The Identity API's read surface, as pure functions of (model, query): no HTTP here, so the
// semantics (filters, 400s, 404s, paging) are testable and the server stays a thin pipeline.

export const API_PREFIX = '/20160918';

export type RouteName = 'ListCompartments' | 'ListTagNamespaces' | 'ListTags' | 'ListTagDefaults' | 'GetTenancy' | 'ListRegionSubscriptions';

/**
 * What ListTagDefaults(tagDefinitionId) without a compartmentId does, which OCI does not document:
 * every compartment's defaults for it (those the caller may read), only the root's, or a 400.
 */
export const TAG_DEFAULTS_BY_DEFINITION = ['tenancy-wide', 'root-only', 'reject'] as const;
export type TagDefaultsByDefinition = (typeof TAG_DEFAULTS_BY_DEFINITION)[number];

export interface IdentityOptions {
  pageCap: number;
  regions: readonly SimRegion[];
  tagDefaultsByDefinition: TagDefaultsByDefinition;
  /** GetTenancy answers 404 (a caller allowed to list compartments but not to read the tenancy). */
  refuseGetTenancy?: boolean;
}

export interface RouteMatch {
  name: RouteName;
  id?: string;
}

/** The JSON body to send, and the opc-next-page token if there is more. */
export interface ApiResult {
  body: unknown;
  next?: string;
}

export function matchRoute(pathname: string): RouteMatch | undefined {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return undefined;
  const parts = pathname.slice(API_PREFIX.length + 1).split('/');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (parts.length === 1 && parts[0] === 'compartments') return { name: 'ListCompartments' };
  if (parts.length === 1 && parts[0] === 'tagNamespaces') return { name: 'ListTagNamespaces' };
  if (parts.length === 1 && parts[0] === 'tagDefaults') return { name: 'ListTagDefaults' };
  if (parts.length === 3 && parts[0] === 'tagNamespaces' && parts[2] === 'tags' && parts[1]) return { name: 'ListTags', id: decode(parts[1]) };
  if (parts.length === 2 && parts[0] === 'tenancies' && parts[1]) return { name: 'GetTenancy', id: decode(parts[1]) };
  if (parts.length === 3 && parts[0] === 'tenancies' && parts[1] && parts[2] === 'regionSubscriptions') return { name: 'ListRegionSubscriptions', id: decode(parts[1]) };
  return undefined;
}

const COMPARTMENT_STATES = new Set(['CREATING', 'ACTIVE', 'INACTIVE', 'DELETING', 'DELETED']);
const TAG_STATES = new Set(['ACTIVE', 'INACTIVE', 'DELETING', 'DELETED']);
const DEFAULT_STATES = new Set(['ACTIVE']);
const FILTERED_CACHE_SIZE = 32;

function oneOf(query: URLSearchParams, name: string, allowed: Set<string>): string | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  if (!allowed.has(v)) throw invalidParameter(`Invalid value for ${name}: '${v}'. Allowed: ${[...allowed].join(', ')}`);
  return v;
}

function bool(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null || v === 'false') return false;
  if (v === 'true') return true;
  throw invalidParameter(`Invalid value for ${name}: '${v}'. Expected true or false`);
}

function required(query: URLSearchParams, name: string): string {
  const v = query.get(name);
  if (v === null || v === '') throw missingParameter(name);
  return v;
}

function toSummary({ tagNamespaceId: _id, tagNamespaceName: _name, ...summary }: SimTagSummary & { tagNamespaceId: string; tagNamespaceName: string }): SimTagSummary {
  return summary;
}

export class IdentityApi {
  readonly #model: TenancyModel;
  readonly #pageCap: number;
  readonly #regions: readonly SimRegion[];
  readonly #byDefinition: TagDefaultsByDefinition;
  readonly #refuseGetTenancy: boolean;
  readonly #namespaces: Map<string, SimTagNamespace>;
  readonly #summaries: Map<string, SimTagSummary[]>;
  readonly #defaultsById: Map<string, SimTagDefault>;
  // Paging a 50,000-row subtree listing re-filters it on every page; keep recent filtered lists.
  readonly #filtered = new Map<string, readonly unknown[]>();

  constructor(model: TenancyModel, o: IdentityOptions) {
    this.#model = model;
    this.#pageCap = o.pageCap;
    this.#regions = o.regions;
    this.#byDefinition = o.tagDefaultsByDefinition;
    this.#refuseGetTenancy = o.refuseGetTenancy ?? false;
    this.#namespaces = new Map(model.tagNamespaces.map((n) => [n.id, n]));
    this.#summaries = new Map([...model.tagDefinitionsByNamespace].map(([ns, defs]) => [ns, defs.map(toSummary)]));
    this.#defaultsById = new Map(model.tagDefaults.map((d) => [d.id, d]));
  }

  handle(route: RouteMatch, query: URLSearchParams): ApiResult {
    switch (route.name) {
      case 'ListCompartments':
        return this.#page(this.#listCompartments(query), query);
      case 'ListTagNamespaces':
        return this.#page(this.#listTagNamespaces(query), query);
      case 'ListTags':
        return this.#page(this.#listTags(route.id!, query), query);
      case 'ListTagDefaults':
        return this.#page(this.#listTagDefaults(query), query);
      case 'GetTenancy':
        if (route.id !== this.#model.tenancy.id || this.#refuseGetTenancy) throw notFound();
        return { body: this.#model.tenancy };
      case 'ListRegionSubscriptions':
        // Not paged in OCI either: a tenancy subscribes to a few dozen regions at most.
        if (route.id !== this.#model.tenancy.id) throw notFound();
        return { body: this.#regions };
    }
  }

  #page(listing: { scope: string; items: () => readonly unknown[]; looping?: boolean }, query: URLSearchParams): ApiResult {
    let items = this.#filtered.get(listing.scope);
    if (items) this.#filtered.delete(listing.scope);
    else items = listing.items();
    this.#filtered.set(listing.scope, items);
    if (this.#filtered.size > FILTERED_CACHE_SIZE) this.#filtered.delete(this.#filtered.keys().next().value!);
    const page: Page<unknown> = paginate(items, query, listing.scope, this.#pageCap);
    if (listing.looping) return { body: page.items, next: firstPage(listing.scope) };
    return { body: page.items, next: page.next };
  }

  #isCompartment(id: string): boolean {
    return id === this.#model.tenancy.id || this.#model.compartmentById.has(id);
  }

  /** Is `id` inside the subtree rooted at `ancestor` (itself excluded)? Walks at most 6 parents. */
  #within(ancestor: string, id: string): boolean {
    if (ancestor === this.#model.tenancy.id) return id !== ancestor;
    let current = this.#model.compartmentById.get(id);
    while (current) {
      if (current.compartmentId === ancestor) return true;
      current = this.#model.compartmentById.get(current.compartmentId);
    }
    return false;
  }

  #listCompartments(query: URLSearchParams) {
    const compartmentId = required(query, 'compartmentId');
    const access = oneOf(query, 'accessLevel', new Set(['ANY', 'ACCESSIBLE']));
    const subtree = bool(query, 'compartmentIdInSubtree');
    const state = oneOf(query, 'lifecycleState', COMPARTMENT_STATES);
    const sortBy = oneOf(query, 'sortBy', new Set(['TIMECREATED', 'NAME']));
    const sortOrder = oneOf(query, 'sortOrder', new Set(['ASC', 'DESC']));
    const name = query.get('name');
    if (!this.#isCompartment(compartmentId)) throw notFound();
    if (subtree && compartmentId !== this.#model.tenancy.id) {
      throw invalidParameter('compartmentIdInSubtree can only be true when compartmentId is the tenancy (root compartment)');
    }
    return {
      scope: `ListCompartments|${compartmentId}|${access}|${subtree}|${state}|${sortBy}|${sortOrder}|${name}`,
      items: () => {
        const base = subtree ? this.#model.compartments : (this.#model.childrenOf.get(compartmentId) ?? []);
        const out = base.filter(
          (c) => (!state || c.lifecycleState === state) && (name === null || c.name === name) && (access !== 'ACCESSIBLE' || c.isAccessible),
        );
        if (sortBy) sortCompartments(out, sortBy, sortOrder ?? (sortBy === 'NAME' ? 'ASC' : 'DESC'));
        return out;
      },
    };
  }

  #listTagNamespaces(query: URLSearchParams) {
    const compartmentId = required(query, 'compartmentId');
    const sub = bool(query, 'includeSubcompartments');
    const state = oneOf(query, 'lifecycleState', TAG_STATES);
    if (!this.#isCompartment(compartmentId)) throw notFound();
    return {
      scope: `ListTagNamespaces|${compartmentId}|${sub}|${state}`,
      items: () =>
        this.#model.tagNamespaces.filter(
          (n) =>
            (n.compartmentId === compartmentId || (sub && this.#within(compartmentId, n.compartmentId))) &&
            (!state || n.lifecycleState === state),
        ),
    };
  }

  #listTags(namespaceId: string, query: URLSearchParams) {
    const state = oneOf(query, 'lifecycleState', TAG_STATES);
    if (!this.#namespaces.has(namespaceId)) throw notFound();
    return {
      scope: `ListTags|${namespaceId}|${state}`,
      items: () => (this.#summaries.get(namespaceId) ?? []).filter((t) => !state || t.lifecycleState === state),
    };
  }

  #listTagDefaults(query: URLSearchParams) {
    const id = query.get('id');
    const compartmentId = query.get('compartmentId');
    const definitionId = query.get('tagDefinitionId');
    const state = oneOf(query, 'lifecycleState', DEFAULT_STATES);
    if (id === null && compartmentId === null && definitionId === null) throw missingParameter('compartmentId');
    const byDefinitionOnly = id === null && compartmentId === null;
    if (byDefinitionOnly && this.#byDefinition === 'reject') throw missingParameter('compartmentId');
    const rootOnly = byDefinitionOnly && this.#byDefinition === 'root-only';
    const forbidden = this.#model.forbiddenCompartmentIds;
    if (compartmentId !== null && (forbidden.has(compartmentId) || !this.#isCompartment(compartmentId))) throw notFound();
    return {
      scope: `ListTagDefaults|${id}|${compartmentId}|${definitionId}|${state}|${rootOnly}`,
      looping: compartmentId !== null && this.#model.loopingPageCompartmentIds.has(compartmentId),
      items: () => {
        // A compartment's own defaults only: inheritance is the caller's business, as in OCI.
        let base: readonly SimTagDefault[];
        if (compartmentId !== null) base = this.#model.tagDefaultsByCompartment.get(compartmentId) ?? [];
        else if (id !== null) base = this.#defaultsById.has(id) ? [this.#defaultsById.get(id)!] : [];
        else base = this.#model.tagDefaults;
        return base.filter(
          (d) =>
            (id === null || d.id === id) &&
            (definitionId === null || d.tagDefinitionId === definitionId) &&
            (!rootOnly || d.compartmentId === this.#model.tenancy.id) &&
            !forbidden.has(d.compartmentId),
        );
      },
    };
  }
}

function sortCompartments(list: SimCompartment[], by: string, order: string): void {
  const sign = order === 'ASC' ? 1 : -1;
  const key = by === 'NAME' ? (c: SimCompartment) => c.name.toLowerCase() : (c: SimCompartment) => c.timeCreated;
  list.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : 0;
  });
}
