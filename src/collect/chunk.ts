/** Splits work into tasks for the pool: small enough to spread over threads, big enough to amortise a task's cost. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
