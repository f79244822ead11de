import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTenancy, resolveOptions } from '../src/sim/index.js';
import { groundTruthOf } from '../src/sim/ground-truth.js';

// The generated tenancy: same seed, same bytes; and every invariant OCI itself would enforce.

const gen = (o: Parameters<typeof resolveOptions>[0] = {}) => generateTenancy(resolveOptions(o));

describe('simulated tenancy generator', () => {
  it('is deterministic: same seed and size give the same tenancy, another seed a different one', () => {
    const a = JSON.stringify(groundTruthOf(gen({ seed: 42, compartments: 300, forbidden: 3 })));
    const b = JSON.stringify(groundTruthOf(gen({ seed: 42, compartments: 300, forbidden: 3 })));
    const c = JSON.stringify(groundTruthOf(gen({ seed: 43, compartments: 300, forbidden: 3 })));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('keeps the tree when only the tag settings change', () => {
    const ids = (m: ReturnType<typeof gen>) => m.compartments.map((c) => `${c.id}|${c.compartmentId}|${c.name}`);
    assert.deepEqual(ids(gen({ seed: 5, compartments: 200, namespaces: 3 })), ids(gen({ seed: 5, compartments: 200, namespaces: 12, tagDefinitions: 60 })));
  });

  it('builds a tree OCI would allow: ≤ 6 levels, unique sibling names, deleted compartments are leaves', () => {
    const m = gen({ compartments: 2000 });
    const depth = new Map([[m.tenancy.id, 0]]);
    const siblings = new Set<string>();
    for (const c of m.compartments) {
      const d = depth.get(c.compartmentId);
      assert.ok(d !== undefined, 'parents are listed before their children');
      depth.set(c.id, d + 1);
      assert.ok(d + 1 <= 6);
      const key = `${c.compartmentId}/${c.name}`;
      assert.ok(!siblings.has(key), `duplicate sibling name ${key}`);
      siblings.add(key);
      assert.match(c.id, /^ocid1\.compartment\.oc1\.\.aaaaaaaa[a-z2-7]{52}$/);
      assert.match(c.name, /^[A-Za-z0-9._-]{1,100}$/);
      assert.ok(!Number.isNaN(Date.parse(c.timeCreated)));
    }
    assert.equal(Math.max(...depth.values()), 6);
    const active = m.compartments.filter((c) => c.lifecycleState === 'ACTIVE');
    const deleted = m.compartments.filter((c) => c.lifecycleState === 'DELETED');
    assert.equal(active.length, 2000);
    assert.equal(deleted.length, 20);
    for (const d of deleted) assert.ok(!m.compartments.some((c) => c.compartmentId === d.id));
    assert.equal(new Set(m.compartments.map((c) => c.id)).size, m.compartments.length);
  });

  it('tag data: 9 namespaces (one retired, some in sub-compartments), 33 definitions, valid defaults', () => {
    const m = gen({ compartments: 2000 });
    assert.equal(m.tagNamespaces.length, 9);
    assert.equal(m.tagNamespaces.filter((n) => n.isRetired && n.lifecycleState === 'INACTIVE').length, 1);
    assert.ok(m.tagNamespaces.some((n) => n.compartmentId !== m.tenancy.id));
    assert.equal(m.tagDefinitions.length, 33);
    assert.ok(m.tagDefinitions.some((t) => t.isCostTracking));
    assert.ok(m.tagDefinitions.filter((t) => t.isCostTracking).length <= 10);
    for (const ns of m.tagNamespaces) {
      const names = m.tagDefinitions.filter((t) => t.tagNamespaceId === ns.id).map((t) => t.name);
      assert.ok(names.length >= 1);
      assert.equal(new Set(names).size, names.length, `tag names unique in ${ns.name}`);
    }

    const defs = new Map(m.tagDefinitions.map((t) => [t.id, t]));
    const activeIds = new Set([m.tenancy.id, ...m.compartments.filter((c) => c.lifecycleState === 'ACTIVE').map((c) => c.id)]);
    const perCompartment = new Map<string, Set<string>>();
    for (const d of m.tagDefaults) {
      const def = defs.get(d.tagDefinitionId);
      assert.ok(def, 'defaults reference existing tag definitions');
      assert.equal(def.isRetired, d.value.includes('retired tag'), 'only the planted defaults are on retired tags');
      assert.equal(d.tagNamespaceId, def.tagNamespaceId);
      assert.equal(d.tagDefinitionName, def.name);
      assert.ok(activeIds.has(d.compartmentId), 'defaults only on ACTIVE compartments');
      const set = perCompartment.get(d.compartmentId) ?? new Set();
      assert.ok(!set.has(d.tagDefinitionId), 'one default per tag per compartment');
      set.add(d.tagDefinitionId);
      perCompartment.set(d.compartmentId, set);
    }
    assert.ok(Math.max(...[...perCompartment.values()].map((s) => s.size)) === 20);
    const fraction = (perCompartment.size - 1) / 2000;
    assert.ok(fraction > 0.25 && fraction < 0.35, `fraction with defaults ${fraction}`);
  });

  it('plants a case of every governance check; the root\'s ${iam.principal.name} default is an option', () => {
    const checks = (m: ReturnType<typeof gen>) => new Set(groundTruthOf(m).findings().map((f) => f.check));
    const all = ['created-by-default', 'required-default-retired-tag', 'default-retired-tag', 'default-overridden', 'namespace-without-tags', 'key-case-collision'];
    for (const compartments of [2000, 10]) assert.deepEqual([...checks(gen({ compartments }))].sort(), [...all].sort(), `${compartments} compartments`);
    const m = gen({ compartments: 50, rootCreatedBy: true });
    assert.ok(!checks(m).has('created-by-default'));
    assert.ok(m.tagDefaults.some((d) => d.compartmentId === m.tenancy.id && d.value === '${iam.principal.name}'));
    // OCI stamps compartments created after the root got its CreatedBy default, and only then.
    assert.ok(m.compartments.some((c) => c.definedTags['Oracle-Tags']));
    assert.ok(!gen({ compartments: 50 }).compartments.some((c) => c.definedTags['Oracle-Tags']));
    // Names stay unique within a namespace ignoring case, as OCI requires: the collision is across namespaces.
    for (const ns of m.tagNamespaces) {
      const names = m.tagDefinitions.filter((t) => t.tagNamespaceId === ns.id).map((t) => t.name.toLowerCase());
      assert.equal(new Set(names).size, names.length);
    }
  });

  it('puts CSV-hostile text in descriptions and values', () => {
    const m = gen({ compartments: 500 });
    const text = [...m.compartments.map((c) => c.description), ...m.tagDefaults.map((d) => d.value), ...m.tagDefinitions.map((t) => t.description)];
    for (const pattern of [/,/, /"/, /\n/, /[^\x00-\x7f]/, /^=/, /\r\n/]) assert.ok(text.some((t) => pattern.test(t)), `some text matches ${pattern}`);
  });

  it('chooses forbidden compartments deterministically among ACTIVE ones and marks them inaccessible', () => {
    const a = gen({ seed: 9, compartments: 100, forbidden: 4 });
    const b = gen({ seed: 9, compartments: 100, forbidden: 4 });
    assert.deepEqual([...a.forbiddenCompartmentIds], [...b.forbiddenCompartmentIds]);
    assert.equal(a.forbiddenCompartmentIds.size, 4);
    for (const id of a.forbiddenCompartmentIds) {
      const c = a.compartmentById.get(id)!;
      assert.equal(c.lifecycleState, 'ACTIVE');
      assert.equal(c.isAccessible, false);
    }
  });

  it('handles tiny and empty tenancies', () => {
    for (const compartments of [0, 1, 2, 7]) {
      const m = gen({ compartments, namespaces: 2, tagDefinitions: 3 });
      assert.equal(m.compartments.filter((c) => c.lifecycleState === 'ACTIVE').length, compartments);
    }
    const bare = gen({ compartments: 3, namespaces: 0, tagDefinitions: 0 });
    assert.equal(bare.tagDefaults.length, 0);
    assert.throws(() => resolveOptions({ namespaces: 0, tagDefinitions: 1 }), RangeError);
    assert.throws(() => resolveOptions({ compartments: -1 }), RangeError);
    assert.throws(() => resolveOptions({ forbidden: 5, compartments: 4 }), RangeError);
  });
});
