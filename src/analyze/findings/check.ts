// A governance check is data: its id, severity, what it is about, its rule and its message. Adding a
// check is one small module and one line in index.ts; the driver and the outputs need no change.
import type { Catalog } from '../catalog.js';
import type { CompartmentView } from '../effective.js';
import type { DefaultRecord, DefinitionRecord, NamespaceRecord } from '../records.js';

export type Severity = 'high' | 'medium' | 'low' | 'info';

/** Most severe first: the order the summary counts them in. */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** What each kind of scope gives a rule to look at. */
export interface Subjects {
  /** The root compartment, its own defaults read. */
  tenancy: CompartmentView & { own: readonly DefaultRecord[] };
  tag_namespace: NamespaceRecord;
  tag_definition: DefinitionRecord;
  /** A compartment's own default, with the compartment (its chain of ancestors included). */
  tag_default: { default: DefaultRecord; compartment: CompartmentView };
}

export type ScopeKind = keyof Subjects;

/** The id and name a finding's row gives for each kind of scope. */
export const SCOPES: { [K in ScopeKind]: (subject: Subjects[K], catalog: Catalog) => { id: string; name: string } } = {
  tenancy: ({ compartment }) => ({ id: compartment.id, name: compartment.name }),
  tag_namespace: (ns) => ({ id: ns.id, name: ns.name }),
  tag_definition: (d) => ({ id: d.id, name: `${d.tag_namespace_name}.${d.name}` }),
  tag_default: ({ default: d }, catalog) => ({ id: d.id, name: catalog.qualifiedName(d.tag_namespace_id, d.tag_definition_name) }),
};

export interface Check<K extends ScopeKind = ScopeKind> {
  /** Stable: outputs and other tools depend on what an id means. */
  readonly id: string;
  readonly severity: Severity;
  readonly scopeKind: K;
  /** The rule in words, for the docs. */
  readonly description: string;
  /** True when the subject is a finding; false when it is fine or cannot be known. */
  rule(subject: Subjects[K], catalog: Catalog): boolean;
  /** Which scope, what is wrong, what to do: for a person reading findings.csv. */
  message(subject: Subjects[K], catalog: Catalog): string;
}

export type AnyCheck = { [K in ScopeKind]: Check<K> }[ScopeKind];

/** A value as messages show it: quoted, with line breaks escaped, long ones cut. */
export function quote(value: string): string {
  const q = JSON.stringify(value);
  return q.length > 80 ? `${q.slice(0, 76)}..."` : q;
}

/** Where a default sits, for messages: the compartment's path, or its id. */
export function where(view: CompartmentView): string {
  return view.compartment.path || view.compartment.id;
}
