import type { ResourceKind } from './columns.js';

export const compartments: ResourceKind = {
  key: 'compartments',
  file: 'compartments.csv',
  title: 'Compartments (ACTIVE, with the root tenancy as a row)',
  columns: [
    { field: 'id', type: 'string', description: 'Compartment OCID (the tenancy OCID for the root row)' },
    { field: 'name', type: 'string', description: 'Compartment name' },
    { field: 'description', type: 'string', description: 'Compartment description' },
    { field: 'compartmentId', type: 'string', description: 'Parent compartment OCID (empty for the root)' },
    { field: 'lifecycleState', type: 'string', description: 'Lifecycle state (always ACTIVE here)' },
    { field: 'timeCreated', type: 'timestamp', description: 'Creation time, ISO 8601' },
    { field: 'depth', type: 'integer', description: 'Levels below the root (root = 0)' },
    { field: 'path', type: 'string', description: 'Names from the root, `/`-joined' },
  ],
};
