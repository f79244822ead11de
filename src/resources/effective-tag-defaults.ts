import type { ResourceKind } from './columns.js';

/** Not collected: computed from the tree and each compartment's own defaults, with no extra call. */
export const effectiveTagDefaults: ResourceKind = {
  key: 'effective_tag_defaults',
  file: 'effective_tag_defaults.csv',
  title:
    "Effective tag defaults: per ACTIVE compartment (the root too), its own defaults and its ancestors', the nearest winning for one tag definition. A compartment whose own defaults, or an ancestor's, could not be read has no rows (the summary counts them)",
  columns: [
    { field: 'compartmentId', type: 'string', description: 'Compartment the default applies in (the tenancy OCID for the root)' },
    { field: 'compartmentPath', type: 'string', description: 'Names from the root, `/`-joined' },
    { field: 'tagDefinitionId', type: 'string', description: 'Tag definition OCID' },
    { field: 'tagNamespaceName', type: 'string', description: 'Namespace name (empty when the namespace was not collected)' },
    { field: 'tagDefinitionName', type: 'string', description: 'Tag key name' },
    { field: 'value', type: 'string', description: "The winning default's value" },
    { field: 'isRequired', type: 'boolean', description: "The winning default's is_required" },
    { field: 'sourceCompartmentId', type: 'string', description: 'Compartment that sets the winning default' },
    { field: 'inherited', type: 'boolean', description: 'true when the source is an ancestor, false when the compartment sets it itself' },
  ],
};
