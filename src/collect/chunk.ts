import { scopeKey, type LimiterRef, type Phase, type Scope, type ScopeMessage, type Task } from '../../workers/protocol.js';

export interface ChunkSource {
  /** The limiter a scope's calls go through: one task's scopes share one. */
  limiter(scope: Scope): LimiterRef;
  /** The scope's result if the journal of an earlier run holds it. */
  resumed(key: string, index: number): ScopeMessage | undefined;
  nextChunkId(): number;
}

/**
 * A phase's scopes as tasks for the pool, made as the pool is ready for them: runs of up to `size`
 * consecutive scopes sharing a limiter (small enough to spread over threads, big enough to amortise a
 * task's cost). Tasks come in scope order, as the dispatcher's bound on unwritten results needs: a
 * task held back would hold up the writes of everything after it. A scope the journal already holds
 * comes out as its result, in its place.
 */
export function* chunks(phase: Phase, scopes: Iterable<Scope>, size: number, source: ChunkSource): Generator<Task | ScopeMessage> {
  let task: Task | undefined;
  let index = 0;
  for (const scope of scopes) {
    const i = index++;
    const done = source.resumed(scopeKey(scope), i);
    if (done) {
      yield done;
      continue;
    }
    const limiter = source.limiter(scope);
    if (task && (task.limiter.key !== limiter.key || task.scopes.length >= size)) {
      yield task;
      task = undefined;
    }
    task ??= { phase, chunkId: source.nextChunkId(), scopes: [], indexes: [], limiter };
    task.scopes.push(scope);
    task.indexes.push(i);
  }
  if (task) yield task;
}
