import { compartments } from './compartments.js';
import { tagNamespaces } from './tag-namespaces.js';
import { tagDefinitions } from './tag-definitions.js';
import { tagDefaults } from './tag-defaults.js';
import { effectiveTagDefaults } from './effective-tag-defaults.js';
import { findings } from './findings.js';
import { failures } from './failures.js';
import { resources } from './resources.js';
import { resourceTags } from './resource-tags.js';
import { tagCoverage } from './tag-coverage.js';
import { costByMonth, costByTag } from './cost.js';

export * from './columns.js';
export { compartments, tagNamespaces, tagDefinitions, tagDefaults, effectiveTagDefaults, findings, resources, resourceTags, tagCoverage, costByTag, costByMonth, failures };

/** Output order: the collected kinds, then what is computed from them, failures last. */
export const KINDS = [compartments, tagNamespaces, tagDefinitions, tagDefaults, effectiveTagDefaults, findings, resources, resourceTags, tagCoverage, costByTag, costByMonth, failures] as const;
export type KindKey = (typeof KINDS)[number]['key'];
