import { invalidParameter, missingParameter } from './errors.js';
import { paginate } from './paging.js';
import { CURRENCY, periodsOf, toAmount, untaggedForm, type CostModel } from './generate-costs.js';
import type { ApiResult } from './routes.js';

// Usage API (20200107) RequestSummarizedUsages, COST only, with the validation OCI applies to the
// requests a cost-by-tag collector makes: midnight UTC bounds, MONTHLY on the 1st, one groupByTag.

export const USAGE_PREFIX = '/20200107';

const TAG_GROUP = ['tagKey', 'tagNamespace', 'tagValue'];
const MAX_PERIODS = 400;

interface TagRef {
  namespace: string;
  key: string;
}

export interface UsageQuery {
  start: number;
  end: number;
  granularity: 'MONTHLY' | 'DAILY';
  tag?: TagRef;
}

function time(b: Record<string, unknown>, name: string): number {
  const raw = b[name];
  if (raw === undefined || raw === null) throw missingParameter(name);
  const t = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw invalidParameter(`Invalid ${name}: ${JSON.stringify(raw)}`);
  if (t % 86_400_000 !== 0) throw invalidParameter(`Invalid ${name} ${raw}: hours, minutes, seconds and second fractions must be 0`);
  return t;
}

/** The request body checked the way OCI checks it; throws the 400 OCI would answer. */
export function parseUsageRequest(body: unknown, tenancyId: string): UsageQuery {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidParameter('Request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (b['tenantId'] === undefined) throw missingParameter('tenantId');
  if (b['tenantId'] !== tenancyId) throw invalidParameter(`tenantId ${JSON.stringify(b['tenantId'])} is not the caller's tenancy`);
  const start = time(b, 'timeUsageStarted');
  const end = time(b, 'timeUsageEnded');
  if (end <= start) throw invalidParameter('timeUsageEnded must be after timeUsageStarted');
  const granularity = b['granularity'];
  if (granularity !== 'MONTHLY' && granularity !== 'DAILY') throw invalidParameter(`Unsupported granularity ${JSON.stringify(granularity)}: the simulator answers MONTHLY and DAILY`);
  if (granularity === 'MONTHLY' && (new Date(start).getUTCDate() !== 1 || new Date(end).getUTCDate() !== 1)) {
    throw invalidParameter('MONTHLY granularity needs timeUsageStarted and timeUsageEnded on the first day of a month');
  }
  if (periodsOf(start, end, granularity).length > MAX_PERIODS) throw invalidParameter(`At most ${MAX_PERIODS} periods per request`);
  if (b['queryType'] !== undefined && b['queryType'] !== 'COST') throw invalidParameter(`Unsupported queryType ${JSON.stringify(b['queryType'])}: the simulator answers COST`);
  if (b['isAggregateByTime'] === true) throw invalidParameter('isAggregateByTime is not supported by the simulator');
  for (const unsupported of ['filter', 'forecast', 'compartmentDepth']) {
    if (b[unsupported] !== undefined && b[unsupported] !== null) throw invalidParameter(`${unsupported} is not supported by the simulator`);
  }

  const byTag = b['groupByTag'] ?? [];
  if (!Array.isArray(byTag)) throw invalidParameter('groupByTag must be a list');
  if (byTag.length > 1) throw invalidParameter('groupByTag accepts only one tag');
  const groupBy = b['groupBy'] ?? [];
  if (!Array.isArray(groupBy)) throw invalidParameter('groupBy must be a list');
  if (groupBy.length === 0 && byTag.length === 0) return { start, end, granularity };
  const sorted = [...groupBy].map(String).sort();
  if (byTag.length !== 1 || sorted.length !== TAG_GROUP.length || sorted.some((g, i) => g !== TAG_GROUP[i])) {
    throw invalidParameter('The simulator groups by tag only: groupBy ["tagNamespace","tagKey","tagValue"] with one groupByTag entry');
  }
  const tag = byTag[0] as Record<string, unknown> | null;
  if (!tag || typeof tag['namespace'] !== 'string' || typeof tag['key'] !== 'string' || !tag['namespace'] || !tag['key']) {
    throw invalidParameter('groupByTag entries need a namespace and a key');
  }
  return { start, end, granularity, tag: { namespace: tag['namespace'], key: tag['key'] } };
}

/** A UsageSummary with everything not grouped by left null, as OCI answers it. */
function summary(start: number, end: number, units: number, tags: unknown) {
  return {
    tenantId: null,
    tenantName: null,
    compartmentId: null,
    compartmentPath: null,
    compartmentName: null,
    service: null,
    resourceName: null,
    resourceId: null,
    region: null,
    ad: null,
    skuPartNumber: null,
    skuName: null,
    unit: null,
    timeUsageStarted: new Date(start).toISOString(),
    timeUsageEnded: new Date(end).toISOString(),
    computedAmount: toAmount(units),
    computedQuantity: null,
    currency: CURRENCY,
    isForecast: false,
    tags,
  };
}

/** One row of a request before it is shaped as a UsageSummary (only the rows of the page served are). */
interface UsageRow {
  start: number;
  end: number;
  units: number;
  tags: unknown;
}

/** Rows of one request, before paging: one per period, or per (period, tag value) incl. untagged. */
function usageRows(costs: CostModel, q: UsageQuery): UsageRow[] {
  const periods = periodsOf(q.start, q.end, q.granularity);
  const aggs = costs.periods(periods);
  const rows: UsageRow[] = [];
  periods.forEach(([start, end], i) => {
    const agg = aggs[i]!;
    if (!q.tag) {
      if (agg.total > 0) rows.push({ start, end, units: agg.total, tags: null });
      return;
    }
    const { namespace, key } = q.tag;
    for (const [value, units] of costs.byValue(agg, namespace, key)) {
      if (value !== '') {
        rows.push({ start, end, units, tags: [{ namespace, key, value }] });
        continue;
      }
      const form = untaggedForm(start, namespace, key);
      rows.push({ start, end, units, tags: form === 'no-tags' ? [] : [{ namespace, key, value: form === 'null-value' ? null : '' }] });
    }
  });
  return rows;
}

/**
 * Requests whose rows are kept between pages: a key with a value per resource has hundreds of pages, and
 * working its rows out again for each page would make the listing quadratic in the tenancy's size.
 */
const RECENT_QUERIES = 8;

export class UsageApi {
  readonly #costs: CostModel;
  readonly #tenancyId: string;
  readonly #pageCap: number;
  readonly #recent = new Map<string, UsageRow[]>();

  constructor(costs: CostModel, tenancyId: string, pageCap: number) {
    this.#costs = costs;
    this.#tenancyId = tenancyId;
    this.#pageCap = pageCap;
  }

  summarize(query: URLSearchParams, body: unknown): ApiResult {
    const q = parseUsageRequest(body, this.#tenancyId);
    const scope = `RequestSummarizedUsages|${q.start}|${q.end}|${q.granularity}|${q.tag ? `${q.tag.namespace}|${q.tag.key}` : ''}`;
    const page = paginate(this.#rows(scope, q), query, scope, this.#pageCap);
    return { body: { groupBy: q.tag ? ['tagNamespace', 'tagKey', 'tagValue'] : [], items: page.items.map((r) => summary(r.start, r.end, r.units, r.tags)) }, next: page.next };
  }

  #rows(scope: string, q: UsageQuery): UsageRow[] {
    let rows = this.#recent.get(scope);
    if (rows) this.#recent.delete(scope);
    else rows = usageRows(this.#costs, q);
    this.#recent.set(scope, rows);
    while (this.#recent.size > RECENT_QUERIES) this.#recent.delete(this.#recent.keys().next().value!);
    return rows;
  }
}
