import type { Row } from '../resources/columns.js';

/**
 * Builds the compartments output: the root (the tenancy) first, then every ACTIVE compartment in
 * depth-first order by name, each with its depth and `/`-joined path of names from the root. The order
 * is deterministic, so it also orders the tag-defaults output and makes two runs comparable line by line.
 * The listed rows become the tree's rows (depth and path are added to them).
 */
export function buildTree(tenancyId: string, tenancy: Row | undefined, listed: Row[]): Row[] {
  const rootName = String(tenancy?.['name'] ?? tenancyId);
  const root: Row = {
    id: tenancyId,
    name: rootName,
    description: tenancy?.['description'] ?? null,
    compartmentId: null,
    lifecycleState: 'ACTIVE',
    timeCreated: tenancy?.['timeCreated'] ?? null,
    depth: 0,
    path: rootName,
  };
  const active = listed.filter((c) => c['lifecycleState'] === 'ACTIVE' && c['id'] !== tenancyId);
  const children = new Map<string, Row[]>();
  const byId = new Set(active.map((c) => String(c['id'])));
  const orphans: Row[] = [];
  for (const c of active) {
    const parent = String(c['compartmentId'] ?? '');
    // A parent we cannot see (not ACTIVE, or outside what the caller may list) still must not drop the child.
    if (parent !== tenancyId && !byId.has(parent)) orphans.push(c);
    else (children.get(parent) ?? children.set(parent, []).get(parent)!).push(c);
  }
  const byName = (a: Row, b: Row) => String(a['name']).localeCompare(String(b['name']), 'en') || String(a['id']).localeCompare(String(b['id']));
  const out: Row[] = [root];
  // Iterative depth-first walk: trees can be deep and wide, recursion buys nothing.
  const stack: Array<{ row: Row; depth: number; path: string }> = [];
  const pushChildren = (parentId: string, depth: number, path: string) => {
    const kids = (children.get(parentId) ?? []).sort(byName);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ row: kids[i], depth, path: `${path}/${kids[i]['name']}` });
  };
  pushChildren(tenancyId, 1, rootName);
  // Orphans go to the bottom of the stack, so they come out after the whole tree, in name order.
  stack.unshift(...orphans.sort(byName).reverse().map((o) => ({ row: o, depth: 1, path: `${rootName}/?/${o['name']}` })));
  while (stack.length) {
    const { row, depth, path } = stack.pop()!;
    // In place, not a copy: the listing's rows are the tree's, and 50,000 copies would be held beside them.
    row['depth'] = depth;
    row['path'] = path;
    out.push(row);
    pushChildren(String(row['id']), depth + 1, path);
  }
  return out;
}
