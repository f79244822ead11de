import type { Check } from './check.js';

export const PRINCIPAL_NAME = '${iam.principal.name}';

export const createdByDefault: Check<'tenancy'> = {
  id: 'created-by-default',
  severity: 'high',
  scopeKind: 'tenancy',
  description: `The root compartment sets no ACTIVE tag default whose value is \`${PRINCIPAL_NAME}\` (CIS OCI Foundations: "Ensure a default tag is used on resources").`,
  rule: (root) => !root.own.some((d) => d.value === PRINCIPAL_NAME && (d.lifecycle_state ?? 'ACTIVE') === 'ACTIVE'),
  message: (root) =>
    `The root compartment ${root.compartment.name || root.compartment.id} has no tag default with value ${PRINCIPAL_NAME}, so resources do not record who created them. Add one on the root (e.g. Oracle-Tags.CreatedBy = ${PRINCIPAL_NAME}); every compartment inherits it (CIS OCI Foundations: "Ensure a default tag is used on resources").`,
};
