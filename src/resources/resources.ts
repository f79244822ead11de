import type { ResourceKind } from './columns.js';

/** Every resource Resource Search returns, per subscribed region and compartment. CSV only: too big for the snapshot. */
export const resources: ResourceKind = {
  key: 'resources',
  file: 'resources.csv',
  title: 'Resources (Resource Search: what the caller may read; the index can lag a little behind the services)',
  snapshot: false,
  columns: [
    { field: 'region', type: 'string', description: 'Region name (e.g. us-ashburn-1)' },
    { field: 'id', type: 'string', description: 'Resource OCID (Search: identifier)' },
    { field: 'resourceType', type: 'string', description: 'Resource type (e.g. Instance, Bucket)' },
    { field: 'displayName', type: 'string', description: 'Display name' },
    { field: 'compartmentId', type: 'string', description: 'Compartment OCID' },
    { field: 'compartmentPath', type: 'string', description: 'Compartment path, names from the root, `/`-joined' },
    { field: 'lifecycleState', type: 'string', description: 'Lifecycle state' },
    { field: 'timeCreated', type: 'timestamp', description: 'Creation time, ISO 8601' },
    { field: 'definedTags', type: 'json', description: 'Defined tags as JSON {namespace: {key: value}}, keys sorted; {} when none' },
    { field: 'freeformTags', type: 'json', description: 'Freeform tags as JSON {key: value}, keys sorted; {} when none' },
  ],
};
