import type { Frame } from '../effective.js';
import type { Check, Subjects } from './check.js';
import { quote, where } from './check.js';

/** The nearest ancestor whose own default for the same definition has another value (ancestors not read are skipped). */
function overridden({ default: d, compartment }: Subjects['tag_default']): { frame: Frame; value: string } | undefined {
  for (let i = compartment.ancestors.length - 1; i >= 0; i--) {
    const frame = compartment.ancestors[i]!;
    const theirs = frame.own?.get(d.tag_definition_id);
    if (theirs && theirs.value !== d.value) return { frame, value: theirs.value };
  }
  return undefined;
}

export const defaultOverridden: Check<'tag_default'> = {
  id: 'default-overridden',
  severity: 'info',
  scopeKind: 'tag_default',
  description: 'A tag default for a definition that a proper ancestor compartment also sets, with another value.',
  rule: (s) => overridden(s) !== undefined,
  message: (s, catalog) => {
    const o = overridden(s)!;
    return `Compartment ${where(s.compartment)} sets ${catalog.qualifiedName(s.default.tag_namespace_id, s.default.tag_definition_name)} = ${quote(s.default.value)}, overriding ${quote(o.value)} set on ${o.frame.path || o.frame.id}: resources here and below get ${quote(s.default.value)}. If that is not intended, delete this tag default.`;
  },
};
