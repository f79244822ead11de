import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as usageapi from 'oci-usageapi';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { allPages, usageClient } from './sim-client.js';

// Cost by tag through the real SDK: one key's values plus its untagged part add up exactly to the
// period's ungrouped total, untagged comes in all three wild forms, only cost-tracking tags carry
// values, and the ground truth agrees.

type Details = usageapi.models.RequestSummarizedUsagesDetails;
type Summary = usageapi.models.UsageSummary;

const START = '2025-10-01T00:00:00.000Z';
const END = '2026-04-01T00:00:00.000Z';

describe('simulator Usage API costs', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 30, resourcesPerCompartment: 4, pageCap: 7 });
  });
  after(() => sim.close());

  const request = (d: Partial<Details>, limit?: number) =>
    allPages(async (page) => {
      const r = await usageClient(sim).requestSummarizedUsages({
        requestSummarizedUsagesDetails: {
          tenantId: sim.tenancyId,
          timeUsageStarted: new Date(START),
          timeUsageEnded: new Date(END),
          granularity: 'MONTHLY' as Details['granularity'],
          queryType: 'COST' as Details['queryType'],
          isAggregateByTime: false,
          ...d,
        },
        limit,
        page,
      });
      return { items: r.usageAggregation.items, opcNextPage: r.opcNextPage };
    });
  const month = (s: Summary) => new Date(s.timeUsageStarted).toISOString().slice(0, 7);
  const byTag = (namespace: string, key: string) => request({ groupBy: ['tagNamespace', 'tagKey', 'tagValue'], groupByTag: [{ namespace, key }] });
  const untaggedForm = (s: Summary) => (!s.tags || s.tags.length === 0 ? 'no-tags' : s.tags[0]!.value === null ? 'null-value' : s.tags[0]!.value === '' ? 'empty-value' : undefined);

  it('answers the ungrouped total per month, as the ground truth has it', async () => {
    const { items } = await request({});
    assert.deepEqual(
      items.map((s) => ({ month: month(s), cost: s.computedAmount, currency: s.currency })),
      sim.serviceTruth.costByMonth(START, END),
    );
    assert.equal(items.length, 6);
    assert.ok(items.every((s) => s.tags == null && s.service === null && s.compartmentId === null));
  });

  it('sums every key\'s values, untagged included, to exactly the month\'s total; and matches the ground truth', async () => {
    const totals = new Map((await request({})).items.map((s) => [month(s), s.computedAmount!]));
    const forms = new Set<string>();
    const keys = sim.groundTruth.tagDefinitions.map((d) => ({ namespace: d.tagNamespaceName, key: d.name, tracked: d.isCostTracking }));
    let tagged = 0;
    for (const { namespace, key, tracked } of keys) {
      const { items, pages } = await byTag(namespace, key);
      assert.ok(pages.every((n) => n <= 7));
      const sums = new Map<string, number>();
      const rows = items.map((s) => {
        const form = untaggedForm(s);
        if (form) forms.add(form);
        else tagged++;
        if (!form) assert.deepEqual(s.tags!.map((t) => [t.namespace, t.key]), [[namespace, key]]);
        sums.set(month(s), (sums.get(month(s)) ?? 0) + s.computedAmount!);
        return { month: month(s), namespace, key, value: form ? '' : s.tags![0]!.value!, cost: s.computedAmount!, currency: s.currency! };
      });
      for (const [m, sum] of sums) assert.equal(sum, totals.get(m), `${namespace}.${key} ${m}`);
      // As in OCI, only cost-tracking tags reach cost data.
      if (!tracked) assert.ok(rows.every((r) => r.value === ''), `${namespace}.${key} is not cost-tracking`);
      assert.deepEqual(rows, sim.serviceTruth.costByTag(START, END, { namespace, key }));
    }
    assert.ok(tagged > 0, 'some cost carries a tag value');
    assert.deepEqual([...forms].sort(), ['empty-value', 'no-tags', 'null-value']);
  });

  it('keeps one untagged form per month and key, and DAILY adds up to MONTHLY', async () => {
    const def = sim.groundTruth.tagDefinitions.find((d) => d.tagNamespaceName === 'Oracle-Tags' && d.name === 'CreatedBy')!;
    const daily = await request({
      granularity: 'DAILY' as Details['granularity'],
      timeUsageStarted: new Date('2026-03-01T00:00:00Z'),
      groupBy: ['tagNamespace', 'tagKey', 'tagValue'],
      groupByTag: [{ namespace: def.tagNamespaceName, key: def.name }],
    });
    const forms = new Set(daily.items.map(untaggedForm).filter(Boolean));
    assert.ok(forms.size <= 1);
    const sum = daily.items.reduce((s, x) => s + x.computedAmount!, 0);
    const march = sim.serviceTruth.costByMonth('2026-03-01T00:00:00Z', END)[0]!;
    assert.equal(sum, march.cost);
    assert.equal(new Set(daily.items.map((s) => new Date(s.timeUsageStarted).toISOString())).size, 31);
  });
});
