// Two checks, one rule: a default on a definition that is retired (itself or its namespace) or was
// not among the collected definitions; required ones block resource creation, so they rank higher.
import type { Catalog } from '../catalog.js';
import type { Check, Subjects } from './check.js';
import { quote, where } from './check.js';

type Subject = Subjects['tag_default'];

const onRetiredTag = ({ default: d }: Subject, catalog: Catalog) => {
  const state = catalog.definitionState(d);
  return state === 'retired' || state === 'missing';
};

function why({ default: d }: Subject, catalog: Catalog): string {
  if (catalog.definitionState(d) === 'missing') return 'is not among the collected tag definitions (deleted, or in a namespace this run cannot see)';
  const def = catalog.definitions.get(d.tag_definition_id)!;
  return def.is_retired ? 'is retired' : `is in the retired namespace ${catalog.namespaceName(d.tag_namespace_id)}`;
}

export const requiredDefaultRetiredTag: Check<'tag_default'> = {
  id: 'required-default-retired-tag',
  severity: 'high',
  scopeKind: 'tag_default',
  description: 'A required (is_required) tag default whose definition or namespace is retired, or whose definition is not among the collected ones.',
  rule: (s, catalog) => s.default.is_required && onRetiredTag(s, catalog),
  message: (s, catalog) =>
    `Compartment ${where(s.compartment)} requires tag ${catalog.qualifiedName(s.default.tag_namespace_id, s.default.tag_definition_name)} (default ${quote(s.default.value)}), whose definition ${why(s, catalog)}: creating resources there and below can fail. Delete this tag default, or reactivate the tag.`,
};

export const defaultRetiredTag: Check<'tag_default'> = {
  id: 'default-retired-tag',
  severity: 'medium',
  scopeKind: 'tag_default',
  description: 'The same as required-default-retired-tag for a tag default that is not required.',
  rule: (s, catalog) => !s.default.is_required && onRetiredTag(s, catalog),
  message: (s, catalog) =>
    `Compartment ${where(s.compartment)} has a tag default for ${catalog.qualifiedName(s.default.tag_namespace_id, s.default.tag_definition_name)} (value ${quote(s.default.value)}), whose definition ${why(s, catalog)}: new resources no longer get this tag. Delete the tag default, or reactivate the tag.`,
};
