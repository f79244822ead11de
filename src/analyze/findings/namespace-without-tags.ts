import type { Check } from './check.js';

export const namespaceWithoutTags: Check<'tag_namespace'> = {
  id: 'namespace-without-tags',
  severity: 'low',
  scopeKind: 'tag_namespace',
  description: 'A tag namespace that is not retired and has no definition that is not retired.',
  rule: (ns, catalog) => !ns.is_retired && catalog.definitionsKnown(ns.id) && catalog.definitionsOf(ns.id).every((d) => d.is_retired),
  message: (ns, catalog) => {
    const retired = catalog.definitionsOf(ns.id).length;
    const has = retired ? `only ${retired} retired tag definition${retired === 1 ? '' : 's'}` : 'no tag definitions';
    return `Tag namespace ${ns.name} is active but has ${has}, so nothing can be tagged with it. Add the tag definitions it is meant for, or retire the namespace.`;
  },
};
