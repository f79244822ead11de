// What the summary needs, gathered as rows stream past. Only small things are kept: one entry per
// namespace, one counter per compartment that has tag defaults, a few examples per failure group.
// Compartment names and paths are not kept; the few the summary shows are looked up at the end.
import { compartments, failures, tagDefaults, tagDefinitions, tagNamespaces, type ResourceKind, type Row } from '../resources/index.js';

export interface NamespaceStat {
  id: string;
  name: string;
  retired: boolean;
  definitions: number;
  retiredDefinitions: number;
}

export interface FailureExample {
  scopeId: string;
  operation: string;
  httpStatus: number | null;
  message: string;
}

export interface FailureGroup {
  phase: string;
  /** A regional call's region: a region that refuses everything is one group of its own. */
  region: string;
  serviceCode: string;
  count: number;
  examples: FailureExample[];
}

export const FAILURE_EXAMPLES = 3;

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export class Tally {
  readonly #namespaces = new Map<string, NamespaceStat>();
  readonly #defaultsByCompartment = new Map<string, number>();
  readonly #failures = new Map<string, FailureGroup>();
  #tenancyName: string | undefined;

  observe(kind: ResourceKind, row: Row): void {
    switch (kind.key) {
      case compartments.key:
        if (this.#tenancyName === undefined && (row['depth'] === 0 || row['compartmentId'] == null)) this.#tenancyName = text(row['name']);
        break;
      case tagNamespaces.key: {
        const ns = this.#namespace(text(row['id']), text(row['name']));
        ns.name = text(row['name']) || ns.name;
        ns.retired = Boolean(row['isRetired']); // as cellValue() reads it, so the summary agrees with the CSV
        break;
      }
      case tagDefinitions.key: {
        const ns = this.#namespace(text(row['tagNamespaceId']), text(row['tagNamespaceName']));
        ns.definitions++;
        if (row['isRetired']) ns.retiredDefinitions++;
        break;
      }
      case tagDefaults.key: {
        const id = text(row['compartmentId']);
        this.#defaultsByCompartment.set(id, (this.#defaultsByCompartment.get(id) ?? 0) + 1);
        break;
      }
      case failures.key: {
        const phase = text(row['phase']);
        const serviceCode = text(row['serviceCode']) || 'Unknown';
        const region = text(row['region']);
        const key = `${phase}\u0000${serviceCode}\u0000${region}`;
        let group = this.#failures.get(key);
        if (!group) this.#failures.set(key, (group = { phase, region, serviceCode, count: 0, examples: [] }));
        group.count++;
        if (group.examples.length < FAILURE_EXAMPLES)
          group.examples.push({
            scopeId: text(row['scopeId']),
            operation: text(row['operation']),
            httpStatus: row['httpStatus'] == null || !Number.isFinite(Number(row['httpStatus'])) ? null : Number(row['httpStatus']),
            message: text(row['message']),
          });
        break;
      }
    }
  }

  /** Definitions may name a namespace the namespace listing missed (a failure); they still count. */
  #namespace(id: string, name: string): NamespaceStat {
    let ns = this.#namespaces.get(id);
    if (!ns) this.#namespaces.set(id, (ns = { id, name, retired: false, definitions: 0, retiredDefinitions: 0 }));
    return ns;
  }

  get tenancyName(): string | undefined {
    return this.#tenancyName;
  }

  namespaces(): NamespaceStat[] {
    return [...this.#namespaces.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  }

  failureGroups(): FailureGroup[] {
    return [...this.#failures.values()].sort((a, b) => b.count - a.count || a.phase.localeCompare(b.phase) || a.serviceCode.localeCompare(b.serviceCode) || a.region.localeCompare(b.region));
  }

  get compartmentsWithDefaults(): number {
    return this.#defaultsByCompartment.size;
  }

  /** The `n` compartments with the most tag defaults; ties go to the smaller id so the summary is stable. */
  topCompartments(n: number): { id: string; defaults: number }[] {
    return [...this.#defaultsByCompartment]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([id, defaults]) => ({ id, defaults }));
  }
}
