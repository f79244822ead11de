import type { ResourceKind } from './columns.js';

/** Not collected: the governance checks' answers (src/analyze/findings), one row per check and scope. */
export const findings: ResourceKind = {
  key: 'findings',
  file: 'findings.csv',
  title: 'Findings of the governance checks (listed below); they never make a run partial',
  columns: [
    { field: 'check', type: 'string', description: 'Check id (e.g. default-retired-tag)' },
    { field: 'severity', type: 'string', description: 'high, medium, low or info' },
    { field: 'scopeKind', type: 'string', description: 'What the finding is about: tenancy, tag_namespace, tag_definition or tag_default' },
    { field: 'scopeId', type: 'string', description: 'OCID of that tenancy, namespace, definition or default' },
    { field: 'scopeName', type: 'string', description: 'Its name (`Namespace.key` for definitions and defaults)' },
    { field: 'message', type: 'string', description: 'What is wrong, where, and what to do' },
  ],
};
