// Namespaces and definitions, held whole (a tenancy has hundreds, not millions), with what the run
// could not list, so a check can tell "retired" and "not there" from "not known".
import type { DefaultRecord, DefinitionRecord, NamespaceRecord } from './records.js';

/** What is known about the definition a tag default points at. */
export type DefinitionState = 'live' | 'retired' | 'missing' | 'unknown';

export interface CatalogGaps {
  /** The namespace listing failed: any namespace (and its definitions) may be missing. */
  namespacesUnlisted?: boolean;
  /** Namespaces whose definitions could not be listed (whole or in part). */
  namespacesWithoutDefinitions?: Iterable<string>;
}

export class Catalog {
  readonly namespaces: ReadonlyMap<string, NamespaceRecord>;
  readonly definitions: ReadonlyMap<string, DefinitionRecord>;
  readonly namespacesUnlisted: boolean;
  readonly #unlisted: ReadonlySet<string>;
  readonly #byNamespace = new Map<string, DefinitionRecord[]>();
  /** Live definitions by lower-cased name. */
  readonly #byFoldedName = new Map<string, DefinitionRecord[]>();

  constructor(namespaces: Iterable<NamespaceRecord>, definitions: Iterable<DefinitionRecord>, gaps: CatalogGaps = {}) {
    this.namespaces = new Map([...namespaces].map((n) => [n.id, n]));
    this.definitions = new Map([...definitions].map((d) => [d.id, d]));
    this.namespacesUnlisted = gaps.namespacesUnlisted ?? false;
    this.#unlisted = new Set(gaps.namespacesWithoutDefinitions ?? []);
    for (const d of this.definitions.values()) {
      push(this.#byNamespace, d.tag_namespace_id, d);
      if (!this.isRetired(d)) push(this.#byFoldedName, d.name.toLowerCase(), d);
    }
  }

  /** A definition counts as retired when it or its namespace is. */
  isRetired(d: DefinitionRecord): boolean {
    return d.is_retired || this.namespaces.get(d.tag_namespace_id)?.is_retired === true;
  }

  /** Whether every definition of the namespace was listed. */
  definitionsKnown(namespaceId: string): boolean {
    return !this.#unlisted.has(namespaceId) && (this.namespaces.has(namespaceId) || !this.namespacesUnlisted);
  }

  definitionsOf(namespaceId: string): readonly DefinitionRecord[] {
    return this.#byNamespace.get(namespaceId) ?? [];
  }

  definitionState(d: DefaultRecord): DefinitionState {
    const def = this.definitions.get(d.tag_definition_id);
    if (def) return this.isRetired(def) ? 'retired' : 'live';
    return this.definitionsKnown(d.tag_namespace_id) ? 'missing' : 'unknown';
  }

  namespaceName(namespaceId: string): string {
    return this.namespaces.get(namespaceId)?.name ?? this.#byNamespace.get(namespaceId)?.[0]?.tag_namespace_name ?? '';
  }

  /** `Namespace.key`, as OCI writes a defined tag; the namespace OCID when its name is not known. */
  qualifiedName(namespaceId: string, key: string): string {
    return `${this.namespaceName(namespaceId) || namespaceId}.${key}`;
  }

  /** Live definitions whose name equals this one's ignoring case but not exactly. */
  caseCollisions(d: DefinitionRecord): DefinitionRecord[] {
    if (this.isRetired(d)) return [];
    return (this.#byFoldedName.get(d.name.toLowerCase()) ?? []).filter((o) => o.name !== d.name);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
