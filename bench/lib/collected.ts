// The one shape every contender's result is reduced to before the correctness check: the ids it
// collected per resource kind (plus tag-default values) and the scopes it says it failed on.
// Contenders differ in how they store results; the check must not care.

export interface CollectedDefault {
  id: string;
  compartmentId: string;
  value: string;
}

export interface CollectedFailure {
  phase: string;
  scopeId: string;
  httpStatus?: number;
}

export interface Collected {
  compartments: string[];
  tagNamespaces: string[];
  tagDefinitions: string[];
  tagDefaults: CollectedDefault[];
  failures: CollectedFailure[];
}

type SnakeRow = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * Reads the engine's JSON snapshot (growth_collection_tags.json: snake_case rows). The root tenancy is
 * a row in `compartments` there, as it is in the SDK contenders' output.
 */
export function fromSnapshot(snapshot: unknown): Collected {
  const s = snapshot as Record<string, SnakeRow[] | undefined>;
  const rows = (key: string): SnakeRow[] => {
    const r = s[key];
    if (!Array.isArray(r)) throw new Error(`snapshot has no "${key}" array`);
    return r;
  };
  return {
    compartments: rows('compartments').map((r) => str(r['id'])),
    tagNamespaces: rows('tag_namespaces').map((r) => str(r['id'])),
    tagDefinitions: rows('tag_definitions').map((r) => str(r['id'])),
    tagDefaults: rows('tag_defaults').map((r) => ({ id: str(r['id']), compartmentId: str(r['compartment_id']), value: str(r['value']) })),
    failures: rows('failures').map((r) => ({
      phase: str(r['phase']),
      scopeId: str(r['scope_id']),
      httpStatus: r['http_status'] === undefined || r['http_status'] === '' ? undefined : Number(r['http_status']),
    })),
  };
}
