import { UsageError } from '../errors.js';

// yargs turns "abc" into NaN without a word; these make every numeric flag say what it wants.
export const positiveInt =
  (flag: string, min = 1) =>
  (v: unknown): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min} (got "${String(v)}")`);
    return n;
  };

export const positiveNumber =
  (flag: string) =>
  (v: unknown): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number (got "${String(v)}")`);
    return n;
  };
