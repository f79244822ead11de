import type { ResourceKind } from './columns.js';

/** One row per tag on a resource: what coverage questions join on. CSV only, like the resources. */
export const resourceTags: ResourceKind = {
  key: 'resource_tags',
  file: 'resource_tags.csv',
  title: 'Resource tags (one row per tag of each resource)',
  snapshot: false,
  columns: [
    { field: 'region', type: 'string', description: 'Region name' },
    { field: 'resourceId', type: 'string', description: 'Resource OCID' },
    { field: 'tagType', type: 'string', description: 'defined or freeform' },
    { field: 'tagNamespace', type: 'string', description: 'Namespace name (empty for freeform tags)' },
    { field: 'tagKey', type: 'string', description: 'Tag key' },
    { field: 'tagValue', type: 'string', description: 'Tag value' },
  ],
};
