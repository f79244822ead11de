import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as resourcesearch from 'oci-resourcesearch';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { compartmentQuery, failure, searchAll, searchClient, signedPost } from './sim-client.js';

// Resource Search through the real SDK: the structured compartment query, per region, paged.

describe('simulator Resource Search', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ compartments: 30, forbidden: 2, resourcesPerCompartment: 4 });
  });
  after(() => sim.close());

  const scopes = () => [sim.tenancyId, ...sim.groundTruth.compartments.map((c) => c.id)];

  it('returns exactly the ground truth of every compartment and region, the root included', async () => {
    for (const region of sim.regions) {
      const client = searchClient(sim, { region: region.regionName });
      const got: string[] = [];
      for (const id of scopes()) {
        const { items } = await searchAll(client, id);
        assert.ok(items.every((r) => r.compartmentId === id));
        got.push(...items.map((r) => r.identifier));
      }
      const expected = sim.serviceTruth.resources(region.regionName).map((r) => r.identifier);
      assert.ok(expected.length > 0);
      assert.deepEqual(got, expected, region.regionName);
      assert.ok(expected.every((id) => id.includes(`.oc1.${region.regionKey.toLowerCase()}.`)));
    }
    const perRegion = sim.stats().searchRequestsByRegion;
    assert.deepEqual(Object.keys(perRegion), sim.regions.map((r) => r.regionName));
    assert.ok(Object.values(perRegion).every((n) => n >= scopes().length));
  });

  it('answers with every ResourceSummary field, tags as generated', async () => {
    const truth = sim.serviceTruth.resources('us-ashburn-1').find((r) => Object.keys(r.definedTags).length > 0)!;
    const { items } = await searchAll(searchClient(sim), truth.compartmentId);
    const got = items.find((r) => r.identifier === truth.identifier)!;
    assert.equal(got.resourceType, truth.resourceType);
    assert.equal(got.displayName, truth.displayName);
    assert.equal(got.lifecycleState, truth.lifecycleState);
    assert.equal(new Date(got.timeCreated!).toISOString(), truth.timeCreated);
    assert.equal(got.availabilityDomain ?? null, truth.availabilityDomain);
    assert.deepEqual(got.definedTags, truth.definedTags);
    assert.deepEqual(got.freeformTags, truth.freeformTags);
    assert.deepEqual(got.systemTags, {});
  });

  it('still answers for compartments whose tag defaults are forbidden, and with nothing for deleted ones', async () => {
    const client = searchClient(sim);
    const forbidden = sim.groundTruth.forbiddenCompartmentIds;
    const expected = sim.serviceTruth.resources().filter((r) => r.region === 'us-ashburn-1' && forbidden.includes(r.compartmentId));
    let got = 0;
    for (const id of forbidden) got += (await searchAll(client, id)).items.length;
    assert.equal(got, expected.length);
    assert.deepEqual((await searchAll(client, sim.groundTruth.deletedCompartmentIds[0]!)).items, []);
  });

  it('pages with opc-next-page at the smaller of limit and the page cap', async () => {
    const busiest = scopes()
      .map((id) => ({ id, n: sim.serviceTruth.resources('us-ashburn-1').filter((r) => r.compartmentId === id).length }))
      .sort((a, b) => b.n - a.n)[0]!;
    assert.ok(busiest.n >= 5, `a compartment with ≥5 resources (${busiest.n})`);
    const { items, pages } = await searchAll(searchClient(sim), busiest.id, 2);
    assert.equal(items.length, busiest.n);
    assert.ok(pages.slice(0, -1).every((n) => n === 2));
    assert.equal(pages.length, Math.ceil(busiest.n / 2));

    const capped = await startSimulator({ compartments: 30, resourcesPerCompartment: 4, pageCap: 3 });
    try {
      const r = await searchAll(searchClient(capped), busiest.id, 1000);
      assert.ok(r.pages.every((n) => n <= 3));
      assert.equal(r.items.length, busiest.n);
    } finally {
      await capped.close();
    }
  });

  it('answers 400 InvalidParameter to any other query form', async () => {
    const client = searchClient(sim);
    const freeText = { type: 'FreeText', text: 'instance' } as resourcesearch.models.FreeTextSearchDetails;
    for (const searchDetails of [
      freeText,
      { ...compartmentQuery(sim.tenancyId), query: 'query instance resources' },
      { ...compartmentQuery(sim.tenancyId), query: `query all resources where compartmentId = ${sim.tenancyId}` },
      { ...compartmentQuery(sim.tenancyId), matchingContextType: 'HIGHLIGHTS' },
    ]) {
      const e = await failure(client.searchResources({ searchDetails: searchDetails as resourcesearch.models.SearchDetails }));
      assert.equal(e.statusCode, 400, JSON.stringify(searchDetails));
      assert.equal(e.serviceCode, 'InvalidParameter');
    }
    const notJson = await signedPost(sim, { path: '/20180409/resources', body: '{"type":' });
    assert.equal(notJson.status, 400);
  });

  it('answers 404 to a GET on the search path', async () => {
    const r = await fetch(`${sim.url}/20180409/resources`);
    assert.equal(r.status, 404);
  });
});
