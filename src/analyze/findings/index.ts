// Every governance check, in the order findings are reported within one scope. Ids keep their meaning.
import type { AnyCheck, Check, ScopeKind } from './check.js';
import { createdByDefault } from './created-by-default.js';
import { defaultRetiredTag, requiredDefaultRetiredTag } from './retired-tag.js';
import { defaultOverridden } from './default-overridden.js';
import { namespaceWithoutTags } from './namespace-without-tags.js';
import { keyCaseCollision } from './key-case-collision.js';

export const CHECKS: readonly AnyCheck[] = [createdByDefault, requiredDefaultRetiredTag, defaultRetiredTag, defaultOverridden, namespaceWithoutTags, keyCaseCollision];

export function checksFor<K extends ScopeKind>(kind: K): Check<K>[] {
  return CHECKS.filter((c): c is Check<K> & AnyCheck => c.scopeKind === kind) as Check<K>[];
}

export * from './check.js';
