import { analyzeCollected } from '../analysis.js';
import type { CollectOptions } from '../options.js';
import { tagDefaults } from './identity.js';
import type { LocalStep } from './types.js';

const listedByCompartment = (o: CollectOptions) => tagDefaults.enabled!(o);

/**
 * Effective tag defaults and findings: no calls. With the tag defaults listed per compartment, the
 * walk takes each compartment's defaults as they are written, in tree order, so it ends with the
 * listing instead of starting after it; it needs the tree and the catalog first.
 */
export const governance: LocalStep = {
  name: 'governance',
  needs: ['compartments', 'namespaces', 'definitions'],
  follows: 'tag_defaults',
  enabled: listedByCompartment,
  run: (_, env) => analyzeCollected(env.output, env.released('tag_defaults')),
};

/** The same once the defaults are in, when another way of listing them may replace what it fetched first. */
export const governanceAfterDefaults: LocalStep = {
  name: 'governance',
  needs: ['compartments', 'namespaces', 'definitions', 'defaults'],
  enabled: (o) => !listedByCompartment(o),
  run: (_, env) => analyzeCollected(env.output),
};
