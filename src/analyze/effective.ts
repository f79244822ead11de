// Effective tag defaults, streamed: compartments arrive in tree order (each after its parent, a
// subtree contiguous), their own defaults alongside in the same order, and only the chain from the
// root to the current compartment is held, so memory follows the tree's depth, not its size.
import type { CompartmentRecord, DefaultRecord } from './records.js';

/** Why a compartment's effective defaults cannot be known. */
export type LeftOut = 'unreadable' | 'under-unreadable' | 'ancestor-not-listed';

/** The default that wins for one tag definition in a compartment, and where it is set. */
export interface Winner {
  readonly default: DefaultRecord;
  readonly source: string;
}

/** One compartment of the current chain. */
export interface Frame {
  readonly id: string;
  readonly path: string;
  /** Its own defaults by definition id; undefined when they could not be read (or for a gap). */
  readonly own: ReadonlyMap<string, DefaultRecord> | undefined;
  /** Its effective defaults by definition id; undefined when unknowable. */
  readonly effective: ReadonlyMap<string, Winner> | undefined;
}

export interface CompartmentView {
  readonly compartment: CompartmentRecord;
  /** The root first, the parent last; a frame with id '' stands for ancestors that were not listed. */
  readonly ancestors: readonly Frame[];
  /** Its own defaults in the order listed; undefined when they could not be read. */
  readonly own: readonly DefaultRecord[] | undefined;
  readonly effective: ReadonlyMap<string, Winner> | undefined;
  readonly leftOut?: LeftOut;
}

/** Stands for the unlisted ancestors of a compartment whose parent is not in the tree. */
const GAP: Frame = { id: '', path: '', own: undefined, effective: undefined };

export class TreeWalk {
  readonly #compartments: AsyncIterable<CompartmentRecord>;
  readonly #defaults: AsyncIterable<DefaultRecord>;
  readonly #unreadable: (id: string) => boolean;
  #misplaced = 0;

  /**
   * @param defaults every compartment's own defaults, grouped by compartment, in the compartments' order
   * @param unreadable whether a compartment's own defaults could not be read (rows it has are then incomplete)
   */
  constructor(compartments: AsyncIterable<CompartmentRecord>, defaults: AsyncIterable<DefaultRecord>, unreadable: (id: string) => boolean) {
    this.#compartments = compartments;
    this.#defaults = defaults;
    this.#unreadable = unreadable;
  }

  /** Defaults whose compartment did not come up where they stood; known once the walk has ended. */
  get misplaced(): number {
    return this.#misplaced;
  }

  async *views(): AsyncGenerator<CompartmentView> {
    const defaults = this.#defaults[Symbol.asyncIterator]();
    let next = await defaults.next();
    const chain: Frame[] = [];
    for await (const c of this.#compartments) {
      const listed: DefaultRecord[] = [];
      while (!next.done && next.value.compartment_id === c.id) {
        listed.push(next.value);
        next = await defaults.next();
      }
      const ancestors = ancestorsOf(chain, c);
      const parent = ancestors.at(-1);
      const readable = !this.#unreadable(c.id);
      const own = readable ? listed : undefined;
      const ownMap = own && byDefinition(own);
      let effective: Map<string, Winner> | undefined;
      let leftOut: LeftOut | undefined;
      if (!ownMap) leftOut = 'unreadable';
      else if (ancestors.includes(GAP)) leftOut = 'ancestor-not-listed';
      else if (parent && !parent.effective) leftOut = 'under-unreadable';
      else {
        // Nearest wins: the compartment's own defaults replace its ancestors' for the same definition.
        effective = new Map(parent?.effective);
        for (const [definitionId, d] of ownMap) effective.set(definitionId, { default: d, source: c.id });
      }
      chain.push({ id: c.id, path: c.path, own: ownMap, effective });
      yield { compartment: c, ancestors, own, effective, leftOut };
    }
    while (!next.done) {
      this.#misplaced++;
      next = await defaults.next();
    }
  }
}

/**
 * Cuts the chain back to the compartment's parent and returns it (the parent last). A compartment whose
 * parent is not on the chain (its parent was not listed) hangs under the root behind a gap.
 */
function ancestorsOf(chain: Frame[], c: CompartmentRecord): Frame[] {
  if (c.compartment_id === null) {
    chain.length = 0;
    return [];
  }
  for (let i = chain.length - 1; i >= 0; i--)
    if (chain[i]!.id === c.compartment_id) {
      chain.length = i + 1;
      return [...chain];
    }
  chain.length = Math.min(chain.length, 1);
  chain.push(GAP);
  return [...chain];
}

/** OCI allows one default per definition in a compartment; should a listing hold two, the first counts. */
function byDefinition(own: readonly DefaultRecord[]): Map<string, DefaultRecord> {
  const map = new Map<string, DefaultRecord>();
  for (const d of own) if (!map.has(d.tag_definition_id)) map.set(d.tag_definition_id, d);
  return map;
}
