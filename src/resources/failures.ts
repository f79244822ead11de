import type { ResourceKind } from './columns.js';

/** Not an OCI resource: the record of every scope a run could not collect, so nothing is dropped silently. */
export const failures: ResourceKind = {
  key: 'failures',
  file: 'failures.csv',
  title: 'Failures (scopes that could not be collected)',
  columns: [
    { field: 'phase', type: 'string', description: 'The phase: compartments, tag_namespaces, tag_definitions, tag_defaults, regions, resources, cost' },
    { field: 'scopeId', type: 'string', description: 'The compartment or namespace OCID the call was for' },
    { field: 'operation', type: 'string', description: 'The OCI operation (e.g. ListTagDefaults)' },
    { field: 'httpStatus', type: 'integer', description: 'HTTP status of the last attempt (empty for network errors/timeouts)' },
    { field: 'serviceCode', type: 'string', description: 'OCI error code (e.g. NotAuthorizedOrNotFound), or a local one (Timeout, NetworkError)' },
    { field: 'message', type: 'string', description: 'Error message of the last attempt' },
    { field: 'attempts', type: 'integer', description: 'How many attempts were made' },
    { field: 'opcRequestId', type: 'string', description: 'opc-request-id of the last attempt, for Oracle support' },
    { field: 'region', type: 'string', description: 'Region of a regional call (Resource Search); empty for home-region calls' },
  ],
};
