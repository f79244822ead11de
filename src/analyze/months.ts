/** One month of the cost window: `start` inclusive, `end` exclusive, both on the 1st at UTC midnight. */
export interface MonthWindow {
  month: string;
  start: string;
  end: string;
  /** The current month, asked up to next month's 1st: its figure is month to date. */
  toDate: boolean;
}

const first = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
const label = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * The `months` full calendar months before `now`'s UTC month, oldest first, plus the current month to
 * date unless today is its 1st (nothing of it is complete yet). MONTHLY wants both ends on a 1st, so the
 * current month is asked up to next month's 1st; the Usage API only has what was used so far.
 */
export function costWindows(now: Date, months: number): MonthWindow[] {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const out: MonthWindow[] = [];
  for (let i = months; i >= 1; i--) {
    const s = first(y, m - i);
    out.push({ month: label(s), start: s.toISOString(), end: first(y, m - i + 1).toISOString(), toDate: false });
  }
  if (now.getUTCDate() !== 1) out.push({ month: label(first(y, m)), start: first(y, m).toISOString(), end: first(y, m + 1).toISOString(), toDate: true });
  return out;
}
