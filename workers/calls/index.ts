import type { Phase } from '../protocol.js';
import { compartments, tagDefaults, tagDefaultsByDefinition, tagDefinitions, tagNamespaces } from './identity.js';
import { regions, resources } from './search.js';
import { cost } from './usage.js';
import type { PhaseCall } from './types.js';

export type { PhaseCall, ScopeOutcome } from './types.js';

/** The worker side of every phase that makes calls, by the phase's name. */
export const CALLS: Partial<Record<Phase, PhaseCall>> = {
  compartments,
  tag_namespaces: tagNamespaces,
  tag_definitions: tagDefinitions,
  tag_defaults: tagDefaults,
  tag_defaults_by_definition: tagDefaultsByDefinition,
  regions,
  resources,
  cost,
};
