import { project, tagDefaults, type Row } from '../resources/index.js';

// Pure pieces of listing tag defaults by definition: the order rows are written in, the comparison
// with the documented listing, and the choice of compartments to compare.

const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const time = (r: Row) => Date.parse(String(r['timeCreated'] ?? '')) || 0;

/**
 * A compartment's defaults in creation order, then by id. Neither listing documents its order, and
 * by definition a compartment's rows arrive spread over many answers: a fixed order is what lets both
 * ways write the same file.
 */
export function creationOrder(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => time(a) - time(b) || codeUnit(String(a['id']), String(b['id'])));
}

/** How tag defaults were listed and why: the snapshot's metadata and the summary say it. */
export interface TagDefaultsListing {
  asked: 'compartment' | 'definition' | 'auto';
  /** Where the rows of compartments not listed the documented way came from. */
  used: 'compartment' | 'definition';
  reason: string;
  /** Listings by tag definition (one paged call each). */
  definitions?: number;
  /** Compartments listed the documented way, the fallback included. */
  listed?: number;
  /** Listed because the compartment listing does not call them accessible (the root is one). */
  notAccessible?: number;
  /** Compartments whose two answers were compared; how many of those below the root have defaults. */
  compared?: number;
  comparedWithDefaults?: number;
  /** Compared compartments whose answers differ, and the first few differences. */
  differing?: number;
  examples?: Difference[];
}

/** How one compartment's answers differ, by tag default id. */
export interface Difference {
  compartmentId: string;
  /** Listed the documented way, absent from the by-definition answer. */
  missing: string[];
  /** In the by-definition answer only. */
  extra: string[];
  /** In both, with another value in some column. */
  changed: string[];
}

/** Every column as written, but the compartment's name, which the collector adds. */
function content(r: Row): string {
  const { compartment_name: _, ...rest } = project(tagDefaults, r);
  return JSON.stringify(rest);
}

/** The difference between one compartment's two answers, or undefined when they hold the same defaults. */
export function compare(compartmentId: string, documented: readonly Row[], byDefinition: readonly Row[]): Difference | undefined {
  const theirs = new Map(byDefinition.map((r) => [String(r['id']), content(r)]));
  const ours = new Set(documented.map((r) => String(r['id'])));
  const d: Difference = { compartmentId, missing: [], extra: [], changed: [] };
  for (const r of documented) {
    const id = String(r['id']);
    const other = theirs.get(id);
    if (other === undefined) d.missing.push(id);
    else if (other !== content(r)) d.changed.push(id);
  }
  for (const id of theirs.keys()) if (!ours.has(id)) d.extra.push(id);
  return d.missing.length || d.extra.length || d.changed.length ? d : undefined;
}

/** Up to `n` ids drawn from `pool` without repeats (partial Fisher–Yates on a copy). */
function draw(pool: readonly string[], n: number, random: () => number): string[] {
  const a = [...pool];
  const k = Math.min(n, a.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

/**
 * The compartments to list the documented way as a check: half (or as many as there are) among those
 * the by-definition answer gives defaults, which shows whether it invents or alters any, the rest among
 * the others, which shows whether it leaves any out.
 */
export function chooseSample(candidates: readonly string[], withDefaults: ReadonlySet<string>, n: number, random: () => number = Math.random): string[] {
  const have = candidates.filter((id) => withDefaults.has(id));
  const lack = candidates.filter((id) => !withDefaults.has(id));
  const fromHave = draw(have, Math.ceil(n / 2), random);
  const fromLack = draw(lack, n - fromHave.length, random);
  const taken = new Set(fromHave);
  const topUp = draw(have.filter((id) => !taken.has(id)), n - fromHave.length - fromLack.length, random);
  return [...fromHave, ...fromLack, ...topUp];
}
