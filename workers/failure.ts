import { CallError } from '../src/oci/call.js';
import type { FailureRow, Phase, Scope } from './protocol.js';

/** A scope's failure record from whatever its call threw: our CallError, or anything unexpected. */
export function failureOf(phase: Phase, scope: Scope, e: unknown, operation: string): FailureRow {
  const region = scope.region ? { region: scope.region } : {};
  if (e instanceof CallError) return { phase, scopeId: scope.id, operation, ...e.failure, attempts: e.attempts, ...region };
  return { phase, scopeId: scope.id, operation, serviceCode: 'ClientError', message: String((e as Error)?.message ?? e).split('\n')[0], attempts: 1, ...region };
}
