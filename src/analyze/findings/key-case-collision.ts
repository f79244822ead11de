import type { Check } from './check.js';

export const keyCaseCollision: Check<'tag_definition'> = {
  id: 'key-case-collision',
  severity: 'low',
  scopeKind: 'tag_definition',
  description:
    'A tag definition, not retired, whose name equals another live definition\'s ignoring case but not exactly, in any namespace; every member of such a group gets a row (a definition counts as retired when it or its namespace is).',
  rule: (d, catalog) => catalog.caseCollisions(d).length > 0,
  message: (d, catalog) => {
    const others = catalog.caseCollisions(d).map((o) => `${o.tag_namespace_name}.${o.name}`);
    const shown = others.length > 5 ? [...others.slice(0, 5), `${others.length - 5} more`] : others;
    return `Tag key ${d.tag_namespace_name}.${d.name} differs only in case from ${shown.join(', ')}: people and reports that match keys without case mix them up. Settle on one spelling and retire the others.`;
  },
};
