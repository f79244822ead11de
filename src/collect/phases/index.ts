import { compartments, tagDefaults, tagDefinitions, tagNamespaces } from './identity.js';
import { coverage, regions, resources } from './resources.js';
import { cost } from './cost.js';
import { governance } from './governance.js';
import type { Step } from './types.js';

export { isLocal, type Fact, type Known, type LocalStep, type PhaseDecl, type PhaseEnv, type Region, type Step } from './types.js';

/** Every phase of a collection; the order only breaks ties in output and progress, `needs` orders the run. */
export const PHASES: readonly Step[] = [compartments, tagNamespaces, tagDefinitions, tagDefaults, governance, regions, resources, coverage, cost];
