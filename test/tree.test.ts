import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTree } from '../src/collect/tree.js';

const T = 'ocid1.tenancy.oc1..root';
const c = (id: string, parent: string, name: string, state = 'ACTIVE') => ({ id, compartmentId: parent, name, lifecycleState: state });

test('root first, depth-first by name, depth and path from the root, DELETED dropped', () => {
  const rows = buildTree(T, { id: T, name: 'acme', description: 'd' }, [
    c('b', T, 'beta'),
    c('a', T, 'alpha'),
    c('a2', 'a', 'zeta'),
    c('a1', 'a', 'eta'),
    c('a11', 'a1', 'leaf'),
    c('gone', T, 'old', 'DELETED'),
  ]);
  assert.deepEqual(
    rows.map((r) => [r['id'], r['depth'], r['path']]),
    [
      [T, 0, 'acme'],
      ['a', 1, 'acme/alpha'],
      ['a1', 2, 'acme/alpha/eta'],
      ['a11', 3, 'acme/alpha/eta/leaf'],
      ['a2', 2, 'acme/alpha/zeta'],
      ['b', 1, 'acme/beta'],
    ],
  );
  assert.equal(rows[0]['compartmentId'], null);
});

test('a compartment whose parent is not visible is kept, after the tree, marked in its path', () => {
  const rows = buildTree(T, undefined, [c('x', 'ocid1.compartment.oc1..hidden', 'orphan'), c('y', 'x', 'kid'), c('a', T, 'alpha')]);
  assert.deepEqual(
    rows.map((r) => [r['id'], r['depth'], r['path']]),
    [
      [T, 0, T],
      ['a', 1, `${T}/alpha`],
      ['x', 1, `${T}/?/orphan`],
      ['y', 2, `${T}/?/orphan/kid`],
    ],
  );
});
