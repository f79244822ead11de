import { compartments, tagDefaults, tagDefinitions, tagNamespaces } from './identity.js';
import type { PhaseDecl } from './types.js';

export type { Fact, Known, PhaseDecl, PhaseEnv, Region } from './types.js';

/** Every phase of a collection; the order only breaks ties in output and progress, `needs` orders the run. */
export const PHASES: readonly PhaseDecl[] = [compartments, tagNamespaces, tagDefinitions, tagDefaults];
