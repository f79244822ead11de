import { CostTally, unpackCost, type PackedCost } from '../../analyze/cost.js';
import { costWindows } from '../../analyze/months.js';
import { costByMonth, costByTag } from '../../resources/index.js';
import type { Scope } from '../../../workers/protocol.js';
import type { PhaseDecl } from './types.js';

/** Cost scopes in flight, and fetched ones waiting to be written, at most. */
const COST_SCOPES_AT_ONCE = 8;
/** Rows of a packed result made and written at a time: as many as the writer formats at once (see KindWriter), so they die young. */
const WRITE_BATCH = 100;
const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The definitions cost is asked for: not retired, in a namespace that is not retired, ordered by name. */
function liveTags(definitions: readonly Record<string, unknown>[], namespaces: readonly Scope[]) {
  const retiredNs = new Set(namespaces.filter((n) => n['retired']).map((n) => n.id));
  return definitions
    .filter((d) => !d['isRetired'] && !retiredNs.has(String(d['tagNamespaceId'])))
    .map((d) => ({ id: String(d['id']), namespace: String(d['tagNamespaceName'] ?? ''), key: String(d['name'] ?? '') }))
    .sort((a, b) => codeUnit(a.namespace, b.namespace) || codeUnit(a.key, b.key));
}

interface CostState {
  tally: CostTally;
  windows: ReturnType<typeof costWindows>;
  tags: ReturnType<typeof liveTags>;
}

/**
 * Cost by tag from the Usage API: per month, the ungrouped total and one grouped call per live tag
 * definition (groupByTag takes one tag). Slow calls under their own limiter, as soon as the
 * definitions are known.
 */
export const cost: PhaseDecl<CostState> = {
  name: 'cost',
  service: 'usage',
  needs: ['definitions', 'namespaces'],
  enabled: (o) => o.cost !== false,
  init: () => ({ tally: new CostTally(), windows: [], tags: [] }),
  scopes({ definitions, namespaces }, env, state) {
    const windows = (state.windows = costWindows(env.options.now?.() ?? new Date(), env.options.costMonths ?? 3));
    const tags = (state.tags = liveTags(definitions!, namespaces!));
    return windows.flatMap((w) => {
      const base = { month: w.month, start: w.start, end: w.end, tenantId: env.tenancyId };
      return [{ id: 'total', key: `${w.month}|total`, ...base }, ...tags.map((t) => ({ id: t.id, key: `${w.month}|${t.id}`, namespace: t.namespace, tagKey: t.key, ...base }))];
    });
  },
  // One scope per task, a few at once, and none started while a few wait to be written: a key with a
  // value per resource makes one scope hold a row per resource, in its thread and then in the
  // coordinator. Such a key has a scope in every month, far apart in the order; without the second
  // bound the cheap scopes after a slow one would carry the window on to the next month's.
  chunkSize: () => 1,
  parallel: () => COST_SCOPES_AT_ONCE,
  backlog: () => COST_SCOPES_AT_ONCE,
  async write(m, env, state) {
    for (const packed of m.rows as PackedCost[])
      for (const rows of unpackCost(packed, WRITE_BATCH)) {
        if (packed.tag) {
          for (const r of rows) state.tally.observeTag(r);
          await env.output.write(costByTag, rows);
        } else {
          for (const r of rows) state.tally.observeTotal(r);
          await env.output.write(costByMonth, rows);
        }
      }
  },
  learn(_, env, state) {
    env.report('cost', state.tally.figures(state.windows, state.tags));
    return undefined;
  },
};
