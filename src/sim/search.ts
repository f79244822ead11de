import { invalidParameter, notAuthenticated, notFound, type ApiError } from './errors.js';
import { paginate } from './paging.js';
import type { ApiResult } from './routes.js';
import type { ResourceGenerator } from './generate-resources.js';

// Resource Search (20180409), one region at a time: only the structured query the collector sends,
// `query all resources where compartmentId = '<ocid>'`. Anything else is a 400, as a syntax error is
// in OCI, so a collector that drifts from that form fails loudly here rather than against a tenancy.

export const SEARCH_PREFIX = '/20180409';

const QUERY = /^query\s+all\s+resources\s+where\s+compartmentId\s*=\s*'([^']+)'$/;

export interface SearchRefusal {
  region: string;
  status: 401 | 404;
}

function compartmentOf(body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  if (b['type'] !== 'Structured') throw invalidParameter(`Unsupported search type '${String(b['type'])}': the simulator answers Structured queries only`);
  const m = typeof b['query'] === 'string' ? QUERY.exec(b['query'].trim()) : null;
  if (!m) throw invalidParameter(`Invalid query: expected query all resources where compartmentId = '<ocid>', got ${JSON.stringify(b['query'])}`);
  const context = b['matchingContextType'];
  if (context !== undefined && context !== 'NONE') throw invalidParameter(`Unsupported matchingContextType '${String(context)}'`);
  return m[1]!;
}

export class SearchApi {
  readonly #resources: ResourceGenerator;
  readonly #pageCap: number;
  readonly #refusal: SearchRefusal | undefined;

  constructor(resources: ResourceGenerator, pageCap: number, refusal?: SearchRefusal) {
    this.#resources = resources;
    this.#pageCap = pageCap;
    this.#refusal = refusal;
  }

  /** The error every Search call in `region` answers, if the options made that region refuse. */
  refusalFor(region: string): ApiError | undefined {
    if (this.#refusal?.region !== region) return undefined;
    return this.#refusal.status === 401 ? notAuthenticated(`Simulated refusal in ${region}.`) : notFound();
  }

  /** Unknown or deleted compartments yield no items: Search filters, it does not look up. */
  search(region: string, query: URLSearchParams, body: unknown): ApiResult {
    const refused = this.refusalFor(region);
    if (refused) throw refused;
    const compartmentId = compartmentOf(body);
    const items = this.#resources.resourcesIn(region, compartmentId).map((r) => r.resource);
    const page = paginate(items, query, `SearchResources|${region}|${compartmentId}`, this.#pageCap);
    return { body: { items: page.items }, next: page.next };
  }
}
