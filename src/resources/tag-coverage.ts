import type { ResourceKind } from './columns.js';

/** How many resources carry each tag: every collected definition (0 when unused) and every freeform key seen. */
export const tagCoverage: ResourceKind = {
  key: 'tag_coverage',
  file: 'tag_coverage.csv',
  title: 'Tag coverage (share of collected resources carrying each tag)',
  columns: [
    { field: 'tagType', type: 'string', description: 'defined or freeform' },
    { field: 'tagNamespace', type: 'string', description: 'Namespace name (empty for freeform keys)' },
    { field: 'tagKey', type: 'string', description: 'Tag key' },
    { field: 'resourcesTagged', type: 'integer', description: 'Resources carrying the tag' },
    { field: 'resourcesTotal', type: 'integer', description: 'Resources collected, all regions' },
    { field: 'share', type: 'string', description: 'resources_tagged / resources_total, 0–1, 4 decimals' },
  ],
};
