import type { ResourceKind } from './columns.js';

export const tagNamespaces: ResourceKind = {
  key: 'tag_namespaces',
  file: 'tag_namespaces.csv',
  title: 'Tag namespaces (whole tenancy, sub-compartments included)',
  columns: [
    { field: 'id', type: 'string', description: 'Tag namespace OCID' },
    { field: 'name', type: 'string', description: 'Namespace name' },
    { field: 'description', type: 'string', description: 'Namespace description' },
    { field: 'compartmentId', type: 'string', description: 'Compartment that owns the namespace' },
    { field: 'isRetired', type: 'boolean', description: 'Whether the namespace is retired' },
    { field: 'lifecycleState', type: 'string', description: 'Lifecycle state' },
    { field: 'timeCreated', type: 'timestamp', description: 'Creation time, ISO 8601' },
  ],
};
