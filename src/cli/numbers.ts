import { checkInteger, checkPositive } from '../collect/settings.js';

// yargs turns "abc" into NaN without a word; these make every numeric flag say what it wants, in the
// same words the library uses for its options.
export const positiveInt =
  (flag: string, min = 1) =>
  (v: unknown): number | undefined =>
    v === undefined ? undefined : checkInteger(flag, String(v), min);

export const positiveNumber =
  (flag: string) =>
  (v: unknown): number | undefined =>
    v === undefined ? undefined : checkPositive(flag, String(v));
