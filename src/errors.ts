// Errors the CLI turns into one line and an exit code, never a stack trace.

/** Bad usage, configuration or input: the user can fix it; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/** By name too: a UsageError thrown in another module instance (e.g. a worker thread) fails `instanceof`. */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'UsageError');
}
