import { analyzeCollected } from '../analysis.js';
import type { LocalStep } from './types.js';

/**
 * Effective tag defaults and findings: no calls, computed from what the tag phases wrote, as soon as
 * the tree, the catalog and every compartment's own defaults are in.
 */
export const governance: LocalStep = {
  name: 'governance',
  needs: ['compartments', 'namespaces', 'definitions', 'defaults'],
  run: (_, env) => analyzeCollected(env.output),
};
