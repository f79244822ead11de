import { ocid } from './ocid.js';
import { pick, stream } from './random.js';
import { compartmentName, description } from './text.js';
import type { SimCompartment } from './model.js';

// The compartment tree is built level by level: sizes per depth first, then each node picks a parent
// on the level above. That is O(n), bounds depth at OCI's limit of 6 by construction, and gives a
// plausible shape (few top-level departments, most compartments 3–5 levels down).

export const MAX_DEPTH = 6;
const DEPTH_WEIGHTS = [0.02, 0.1, 0.22, 0.28, 0.23, 0.15];
const MIN_TOP_LEVEL = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TreeNode {
  compartment: SimCompartment;
  depth: number;
  time: number;
}

export interface Tree {
  nodes: TreeNode[];
  tenancyTime: number;
}

export function levelSizes(n: number): number[] {
  const sizes = new Array<number>(MAX_DEPTH).fill(0);
  sizes[0] = Math.min(n, Math.max(MIN_TOP_LEVEL, Math.floor(n * DEPTH_WEIGHTS[0]!)));
  const rest = n - sizes[0];
  const deeper = DEPTH_WEIGHTS.slice(1).reduce((a, b) => a + b, 0);
  let used = 0;
  for (let d = 1; d < MAX_DEPTH; d++) {
    sizes[d] = Math.floor((rest * DEPTH_WEIGHTS[d]!) / deeper);
    used += sizes[d]!;
  }
  sizes[1]! += rest - used;
  // A level can only be populated if the one above is: pull orphaned levels up.
  for (let d = 1; d < MAX_DEPTH; d++) {
    if (sizes[d]! > 0 && sizes[d - 1] === 0) {
      sizes[d - 1] = sizes[d]!;
      sizes[d] = 0;
    }
  }
  return sizes;
}

/** Sibling names must be unique; a per-(parent, name) counter appends `-2`, `-3`… in O(1). */
class SiblingNames {
  readonly #seen = new Map<string, number>();
  unique(parentId: string, name: string): string {
    const key = `${parentId}\u0000${name}`;
    const count = this.#seen.get(key);
    this.#seen.set(key, (count ?? 0) + 1);
    return count === undefined ? name : `${name}-${count + 1}`;
  }
}

export function generateTree(seed: number, tenancyId: string, active: number, deleted: number): Tree {
  const shape = stream(seed, 'tree');
  const texts = stream(seed, 'compartment-text');
  const ids = stream(seed, 'compartment-ocid');
  const names = new SiblingNames();
  const tenancyTime = Date.UTC(2019, 0, 1) + Math.floor(shape() * 365) * DAY;
  const nodes: TreeNode[] = [];
  let ordinal = 0;

  const make = (parentId: string, parentTime: number, depth: number, state: SimCompartment['lifecycleState']): TreeNode => {
    const time = parentTime + HOUR + Math.floor(shape() * 120 * DAY);
    const compartment: SimCompartment = {
      id: ocid('compartment', ids, ordinal++),
      compartmentId: parentId,
      name: names.unique(parentId, compartmentName(texts, depth)),
      description: description(texts, 0.25),
      timeCreated: new Date(time).toISOString(),
      lifecycleState: state,
      isAccessible: true,
      freeformTags: texts() < 0.2 ? { owner: `${pick(texts, ['alice', 'bob', 'chen', 'dana', 'émile'])}@example.com` } : {},
      definedTags: {},
    };
    const node = { compartment, depth, time };
    nodes.push(node);
    return node;
  };

  let above: TreeNode[] = [];
  const sizes = levelSizes(active);
  for (let d = 0; d < MAX_DEPTH; d++) {
    const level: TreeNode[] = [];
    for (let i = 0; i < sizes[d]!; i++) {
      // Skewed choice: some parents get many children, as in real landing zones.
      const parent = d === 0 ? undefined : above[Math.floor(shape() ** 1.5 * above.length)]!;
      level.push(make(parent?.compartment.id ?? tenancyId, parent?.time ?? tenancyTime, d + 1, 'ACTIVE'));
    }
    above = level;
  }

  // Only empty compartments can be deleted in OCI, so deleted ones are leaves under active parents.
  const parentable = nodes.filter((n) => n.depth < MAX_DEPTH);
  for (let i = 0; i < deleted; i++) {
    const parent = parentable.length > 0 && shape() < 0.9 ? parentable[Math.floor(shape() * parentable.length)] : undefined;
    make(parent?.compartment.id ?? tenancyId, parent?.time ?? tenancyTime, (parent?.depth ?? 0) + 1, 'DELETED');
  }

  // Listing order is creation order, which interleaves the deleted ones with the rest.
  nodes.sort((a, b) => a.time - b.time || (a.compartment.id < b.compartment.id ? -1 : 1));
  return { nodes, tenancyTime };
}
