// Every governance check, in the order findings are reported within one scope. Ids keep their meaning.
import type { AnyCheck, Check, ScopeKind } from './check.js';
import { createdByDefault } from './created-by-default.js';
import { defaultRetiredTag, requiredDefaultRetiredTag } from './retired-tag.js';
import { defaultOverridden } from './default-overridden.js';
import { namespaceWithoutTags } from './namespace-without-tags.js';
import { keyCaseCollision } from './key-case-collision.js';

export const CHECKS: readonly AnyCheck[] = [createdByDefault, requiredDefaultRetiredTag, defaultRetiredTag, defaultOverridden, namespaceWithoutTags, keyCaseCollision];

const byKind = new Map<ScopeKind, readonly AnyCheck[]>();

/** The checks about one kind of scope, in declaration order. */
export function checksFor<K extends ScopeKind>(kind: K): readonly Check<K>[] {
  let list = byKind.get(kind);
  if (!list) byKind.set(kind, (list = CHECKS.filter((c) => c.scopeKind === kind)));
  return list as readonly Check<K>[];
}

export * from './check.js';
