import type { ResourceKind } from './columns.js';

export const tagDefaults: ResourceKind = {
  key: 'tag_defaults',
  file: 'tag_defaults.csv',
  title: "Tag defaults (each compartment's own; children inherit them)",
  columns: [
    { field: 'id', type: 'string', description: 'Tag default OCID' },
    { field: 'compartmentId', type: 'string', description: 'Compartment the default is set on' },
    { field: 'compartmentName', type: 'string', description: 'Name of that compartment' },
    { field: 'tagNamespaceId', type: 'string', description: 'Namespace OCID' },
    { field: 'tagDefinitionId', type: 'string', description: 'Tag definition OCID' },
    { field: 'tagDefinitionName', type: 'string', description: 'Tag key name' },
    { field: 'value', type: 'string', description: 'Default value (may be a variable such as ${iam.principal.name})' },
    { field: 'isRequired', type: 'boolean', description: 'Whether a value must be given at resource creation' },
    { field: 'lifecycleState', type: 'string', description: 'Lifecycle state' },
    { field: 'timeCreated', type: 'timestamp', description: 'Creation time, ISO 8601' },
  ],
};
