import { expectedEffectiveDefaults, expectedFindings, type ExpectedEffectiveDefault, type ExpectedFinding } from './governance-truth.js';
import type { SimCompartment, SimTagDefault, SimTagDefinition, SimTagNamespace, TenancyModel } from './model.js';

// What a complete collection must find, as the API returns it, so tests compare outputs for
// equality rather than counts. The objects are the server's own, frozen so no test can quietly
// change what the server answers.

export interface GroundTruth {
  tenancy: { id: string; name: string; description: string; homeRegionKey: string };
  /** ACTIVE compartments, the root excluded, in listing order. */
  compartments: readonly SimCompartment[];
  deletedCompartmentIds: readonly string[];
  tagNamespaces: readonly SimTagNamespace[];
  /** TagSummary as listed, plus tagNamespaceId and tagNamespaceName. */
  tagDefinitions: readonly SimTagDefinition[];
  /** Every tag default of every ACTIVE compartment and the root, forbidden ones included. */
  tagDefaults: readonly SimTagDefault[];
  /** Compartments whose ListTagDefaults always answers 404: a complete run reports them as failures. */
  forbiddenCompartmentIds: readonly string[];
  /** What effective_tag_defaults.csv must hold (forbidden subtrees left out); computed on each call. */
  effectiveTagDefaults(): ExpectedEffectiveDefault[];
  /** The (check, scope_id) pairs findings.csv must hold for the six checks; computed on each call. */
  findings(): ExpectedFinding[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function groundTruthOf(model: TenancyModel): GroundTruth {
  const { id, name, description, homeRegionKey } = model.tenancy;
  return deepFreeze({
    tenancy: { id, name, description, homeRegionKey },
    compartments: model.compartments.filter((c) => c.lifecycleState === 'ACTIVE'),
    deletedCompartmentIds: model.compartments.filter((c) => c.lifecycleState === 'DELETED').map((c) => c.id),
    tagNamespaces: model.tagNamespaces,
    tagDefinitions: model.tagDefinitions,
    tagDefaults: model.tagDefaults,
    forbiddenCompartmentIds: [...model.forbiddenCompartmentIds],
    // Functions: a million rows on a big tenancy are not worth holding, nor serving as JSON.
    effectiveTagDefaults: () => expectedEffectiveDefaults(model),
    findings: () => expectedFindings(model),
  });
}
