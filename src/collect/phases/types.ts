import type { RunOutput } from '../../output/index.js';
import type { ResourceKind, Row } from '../../resources/index.js';
import type { FailureRow, Phase, Scope, ScopeMessage, Service } from '../../../workers/protocol.js';
import type { CollectOptions } from '../options.js';

/** A subscribed region, as the regions phase learns it. */
export interface Region {
  name: string;
  key: string;
  isHome: boolean;
  status: string;
}

/** Every definition's tag defaults as the undocumented by-definition listing gave them, and its failures. */
export interface ByDefinition {
  /** Definitions asked about: one paged listing each. */
  definitions: number;
  rows: Row[];
  failures: FailureRow[];
}

/** What phases learn and later phases need: a phase starts the moment everything it needs is known. */
export interface Known {
  /** ACTIVE compartments, root first, in tree order. */
  compartments: Scope[];
  namespaces: Scope[];
  /** The collected tag definitions (a few hundred rows at most). */
  definitions: Row[];
  regions: Region[];
  /** What ListTagDefaults by tag definition answered (--tag-defaults-by definition|auto). */
  byDefinition: ByDefinition;
  /** Every compartment's own tag defaults are written (or recorded as failures). */
  defaults: true;
  /** Resource tag figures, once every resource is in. */
  coverage: unknown;
}
export type Fact = keyof Known;

/**
 * A phase's scopes: an array, or scopes made one at a time as tasks are handed to the pool, so a phase
 * of hundreds of thousands never holds them all. `length` is known up front (progress, ordering).
 */
export interface ScopeList extends Iterable<Scope> {
  readonly length: number;
}

/** What a phase's coordinator side may use. */
export interface PhaseEnv {
  tenancyId: string;
  /** The home region, when known (an endpoint override may leave it unset). */
  region?: string;
  /** What the run talks to, for messages. */
  target: string;
  options: CollectOptions;
  output: RunOutput;
  /** Figures for the snapshot's metadata and the summary (by key: `coverage`, `findings`, …). */
  report(key: string, value: unknown): void;
  /** Runs a phase's fan-out now, for a step that decides what to fetch from what it fetched (the same journal, order and failures). */
  fanOut(phase: PhaseDecl<any>, known: Partial<Known>): Promise<Known[Fact] | void>;
  /** The results of the phase a local step `follows`, in scope order as they are written, while it runs. */
  released(phase: Phase): AsyncIterable<ScopeMessage>;
  /**
   * Work that the phases needing this one need not wait for (writing a listing out): the run waits for
   * it before its outputs are finished, and a failure stops the run as a failed phase does.
   */
  meanwhile(work: Promise<void>): void;
}

/**
 * A phase as data: what it needs, its scopes, which service its calls go to, and what its rows become.
 * The call itself runs in the pool threads (workers/calls, by the same name); the coordinator only
 * schedules, journals, orders and writes.
 */
export interface PhaseDecl<State = unknown> {
  name: Phase;
  service: Service;
  needs: readonly Fact[];
  /** The phase's own state for one run (a tally its rows feed), handed to write and learn. */
  init?(): State;
  /** Whether the run includes the phase at all (options like --no-resources). */
  enabled?(options: CollectOptions): boolean;
  /** The phase's scopes, in the order their rows are written (see ScopeList). */
  scopes(known: Partial<Known>, env: PhaseEnv, state: State): ScopeList;
  /** Scopes per pool task (default 1). */
  chunkSize?(options: CollectOptions): number;
  /** Tasks of the phase running at once (default: no limit beyond the limiter's). */
  parallel?(options: CollectOptions): number | undefined;
  /** Fetched results waiting to be written (for the scopes before them) above which no further task starts. */
  backlog?(options: CollectOptions): number;
  /** Where a scope's rows go, in scope order, unless `write` says otherwise. */
  kind?: ResourceKind;
  write?(m: ScopeMessage, env: PhaseEnv, state: State): Promise<void>;
  /** What the phase makes known once all its scopes are in. */
  provides?: Fact;
  /**
   * Its calls ask a question (does the API answer this way?) rather than fetch data the run owes: a
   * failure is learn's to judge, neither written to failures.csv nor making the run partial.
   */
  probe?: boolean;
  /** Keep every scope's message for learn (small phases only). */
  keep?: boolean;
  learn?(messages: ScopeMessage[], env: PhaseEnv, state: State): Promise<Known[Fact] | void> | Known[Fact] | void;
}

/** A step that makes no calls: it works on what earlier phases learned (analysis, coverage). */
export interface LocalStep {
  name: string;
  needs: readonly Fact[];
  enabled?(options: CollectOptions): boolean;
  provides?: Fact;
  /** It fans phases out itself (env.fanOut): the pool stays open until it is done. */
  callsOut?: true;
  /**
   * A phase whose results it takes as they are written (env.released), working alongside that phase
   * instead of after it; what it `needs` is then what it needs before the first of them.
   */
  follows?: Phase;
  run(known: Partial<Known>, env: PhaseEnv): Promise<Known[Fact] | void>;
}

/** What the coordinator schedules. */
export type Step = PhaseDecl<any> | LocalStep;
export const isLocal = (s: Step): s is LocalStep => 'run' in s;
