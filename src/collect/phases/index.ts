import { compartments, tagDefaults, tagDefinitions, tagNamespaces } from './identity.js';
import { coverage, regions, resources } from './resources.js';
import { cost } from './cost.js';
import { governance, governanceAfterDefaults } from './governance.js';
import { tagDefaultsByDefinition, tagDefaultsChecked } from './tag-defaults-by.js';
import type { Step } from './types.js';

export { isLocal, type ByDefinition, type Fact, type Known, type LocalStep, type PhaseDecl, type PhaseEnv, type Region, type ScopeList, type Step } from './types.js';

/** Every phase of a collection; the order only breaks ties in output and progress, `needs` orders the run. */
export const PHASES: readonly Step[] = [compartments, tagNamespaces, tagDefinitions, tagDefaults, tagDefaultsByDefinition, tagDefaultsChecked, governance, governanceAfterDefaults, regions, resources, coverage, cost];
