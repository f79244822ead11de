import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as usageapi from 'oci-usageapi';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { failure, usageClient } from './sim-client.js';

// RequestSummarizedUsages refuses what OCI refuses, through the real SDK: times off UTC midnight,
// MONTHLY not on the 1st, more than one groupByTag, another tenancy.

type Details = usageapi.models.RequestSummarizedUsagesDetails;

describe('simulator Usage API validation', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 5 });
  });
  after(() => sim.close());

  const base = (): Details => ({
    tenantId: sim.tenancyId,
    timeUsageStarted: new Date('2026-01-01T00:00:00Z'),
    timeUsageEnded: new Date('2026-03-01T00:00:00Z'),
    granularity: 'MONTHLY' as Details['granularity'],
    queryType: 'COST' as Details['queryType'],
    isAggregateByTime: false,
  });
  const tag = (key: string) => ({ namespace: 'Operations', key });
  const grouped = (d: Partial<Details>): Partial<Details> => ({ groupBy: ['tagNamespace', 'tagKey', 'tagValue'], groupByTag: [tag('CostCenter')], ...d });

  const rejected = async (d: Partial<Details>, message: RegExp) => {
    const e = await failure(usageClient(sim).requestSummarizedUsages({ requestSummarizedUsagesDetails: { ...base(), ...d } }));
    assert.equal(e.statusCode, 400, JSON.stringify(d));
    assert.equal(e.serviceCode, 'InvalidParameter');
    assert.match(e.message ?? '', message);
  };

  it('accepts the collector\'s monthly grouped and ungrouped requests, and DAILY', async () => {
    const client = usageClient(sim);
    for (const d of [base(), { ...base(), ...grouped({}) }, { ...base(), granularity: 'DAILY' as Details['granularity'], timeUsageStarted: new Date('2026-01-05T00:00:00Z') }]) {
      const r = await client.requestSummarizedUsages({ requestSummarizedUsagesDetails: d });
      assert.ok(r.usageAggregation.items.length > 0);
    }
  });

  it('refuses times that are not UTC midnight', async () => {
    await rejected({ timeUsageStarted: new Date('2026-01-01T01:00:00Z') }, /hours, minutes, seconds and second fractions must be 0/);
    await rejected({ timeUsageEnded: new Date('2026-03-01T00:00:00.001Z') }, /hours, minutes, seconds and second fractions must be 0/);
  });

  it('refuses MONTHLY bounds off the first of a month', async () => {
    await rejected({ timeUsageStarted: new Date('2026-01-02T00:00:00Z') }, /first day of a month/);
    await rejected({ timeUsageEnded: new Date('2026-02-15T00:00:00Z') }, /first day of a month/);
  });

  it('refuses more than one groupByTag, and tag grouping without the tag groupBy', async () => {
    await rejected(grouped({ groupByTag: [tag('CostCenter'), tag('Owner')] }), /only one tag/);
    await rejected({ groupByTag: [tag('CostCenter')] }, /groups by tag only/);
    await rejected(grouped({ groupBy: ['service'] }), /groups by tag only/);
  });

  it('refuses another tenancy, an empty window and other query types', async () => {
    await rejected({ tenantId: 'ocid1.tenancy.oc1..other' }, /tenancy/);
    await rejected({ timeUsageEnded: new Date('2026-01-01T00:00:00Z') }, /after/);
    await rejected({ queryType: 'USAGE' as Details['queryType'] }, /COST/);
  });
});
