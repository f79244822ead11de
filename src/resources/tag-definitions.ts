import type { ResourceKind } from './columns.js';

export const tagDefinitions: ResourceKind = {
  key: 'tag_definitions',
  file: 'tag_definitions.csv',
  title: 'Tag definitions (every namespace)',
  columns: [
    { field: 'id', type: 'string', description: 'Tag definition OCID' },
    { field: 'name', type: 'string', description: 'Tag key name' },
    { field: 'description', type: 'string', description: 'Tag description' },
    { field: 'tagNamespaceId', type: 'string', description: 'Namespace OCID' },
    { field: 'tagNamespaceName', type: 'string', description: 'Namespace name' },
    { field: 'isCostTracking', type: 'boolean', description: 'Whether the tag is a cost-tracking tag' },
    { field: 'isRetired', type: 'boolean', description: 'Whether the tag is retired' },
    { field: 'lifecycleState', type: 'string', description: 'Lifecycle state' },
    { field: 'timeCreated', type: 'timestamp', description: 'Creation time, ISO 8601' },
  ],
};
