import { compartments } from './compartments.js';
import { tagNamespaces } from './tag-namespaces.js';
import { tagDefinitions } from './tag-definitions.js';
import { tagDefaults } from './tag-defaults.js';
import { failures } from './failures.js';
import { resources } from './resources.js';
import { resourceTags } from './resource-tags.js';
import { tagCoverage } from './tag-coverage.js';
import { costByMonth, costByTag } from './cost.js';

export * from './columns.js';
export { compartments, tagNamespaces, tagDefinitions, tagDefaults, resources, resourceTags, tagCoverage, costByTag, costByMonth, failures };

/** Output order: the data kinds first, failures last. */
export const KINDS = [compartments, tagNamespaces, tagDefinitions, tagDefaults, resources, resourceTags, tagCoverage, costByTag, costByMonth, failures] as const;
export type KindKey = (typeof KINDS)[number]['key'];
