import { chooseSample, compare, creationOrder, type Difference, type TagDefaultsListing } from '../../analyze/tag-defaults-check.js';
import { tagDefaults as tagDefaultsKind, type Row } from '../../resources/index.js';
import type { FailureRow, Scope, ScopeMessage } from '../../../workers/protocol.js';
import type { CollectOptions, TagDefaultsBy } from '../options.js';
import { DEFAULTS } from '../settings.js';
import { tagDefaults } from './identity.js';
import type { ByDefinition, LocalStep, PhaseDecl, PhaseEnv } from './types.js';

// Tag defaults in D calls (one per tag definition, no compartment) instead of N (one per compartment).
// OCI does not document that ListTagDefaults(tagDefinitionId) answers for every compartment, so
// `auto` checks the answer against compartments listed the documented way and falls back to that way
// for everything on any sign that it is not the whole truth.

const asked = (o: CollectOptions): TagDefaultsBy => o.tagDefaultsBy ?? DEFAULTS.tagDefaultsBy;
const byDefinition = (o: CollectOptions) => asked(o) !== 'compartment';
const EXAMPLES = 5;

/** One listing per tag definition, without a compartment. A refusal is a finding, not lost data. */
export const tagDefaultsByDefinition: PhaseDecl = {
  name: 'tag_defaults_by_definition',
  service: 'identity',
  needs: ['definitions'],
  enabled: byDefinition,
  scopes: ({ definitions }) => definitions!.map((d) => ({ id: String(d['id']) })),
  probe: true,
  write: async () => {},
  provides: 'byDefinition',
  keep: true,
  learn: (messages): ByDefinition => ({ definitions: messages.length, rows: messages.flatMap((m) => m.rows), failures: messages.flatMap((m) => m.failures) }),
};

/** Why the by-definition answer cannot be used at all, before any comparison. */
function unusable(by: ByDefinition, env: PhaseEnv): string | undefined {
  if (by.failures.length) {
    const f = by.failures[0]!;
    const failed = new Set(by.failures.map((x) => x.scopeId)).size;
    const status = f.httpStatus ? `${f.httpStatus} ` : '';
    return `ListTagDefaults by tag definition failed for ${failed} of ${by.definitions} definitions (${status}${f.serviceCode}: ${f.message})`;
  }
  if (env.output.failuresIn('tag_namespaces', 'tag_definitions'))
    return 'some tag namespaces or definitions could not be listed (see failures.csv): their defaults cannot be asked for by definition';
  return undefined;
}

/** The documented listing of these compartments, each result handed to `take` (journal, order and failures as always). */
const documented = (scopes: Scope[], take: (m: ScopeMessage) => Promise<void>): PhaseDecl => ({ ...tagDefaults, enabled: undefined, scopes: () => scopes, write: take, learn: undefined });

/** What comparing the compartments listed both ways showed. */
interface Comparison {
  compared: number;
  /** Compared compartments below the root that have defaults: the evidence the answer reaches beyond the root. */
  withDefaults: number;
  differences: Difference[];
  /** Compartments the listing calls accessible whose tag defaults the caller may not read. */
  unreadable: FailureRow[];
}

function compareListed(listed: readonly Scope[], held: ReadonlyMap<string, Row[]>, failed: ReadonlyMap<string, FailureRow>, answered: ReadonlyMap<string, Row[]>, rootId: string): Comparison {
  const c: Comparison = { compared: 0, withDefaults: 0, differences: [], unreadable: [] };
  for (const s of listed) {
    const rows = held.get(s.id);
    if (!rows) {
      const f = failed.get(s.id);
      if (s['accessible'] === true && f && [401, 403, 404].includes(f.httpStatus ?? 0)) c.unreadable.push(f);
      continue;
    }
    c.compared++;
    if (rows.length && s.id !== rootId) c.withDefaults++;
    const d = compare(s.id, rows, answered.get(s.id) ?? []);
    if (d) c.differences.push(d);
  }
  return c;
}

/** Why auto must not trust the by-definition answer, from the comparison; undefined when it may. */
function doubt(mode: TagDefaultsBy, c: Comparison): string | undefined {
  if (c.differences.length) return `the two answers differed in ${c.differences.length} of ${c.compared} compartments compared`;
  if (mode !== 'auto') return undefined;
  if (c.unreadable.length)
    return `the caller may not read the tag defaults of ${c.unreadable.length} compartments the listing calls accessible (${c.unreadable[0]!.httpStatus} on ${c.unreadable[0]!.scopeId}): the by-definition answer cannot show what such compartments hold`;
  if (!c.withDefaults) return `none of the ${c.compared} compartments compared has defaults below the root: nothing shows the by-definition answer reaches beyond it`;
  return undefined;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/**
 * Lists tag defaults the documented way where the by-definition answer cannot vouch (compartments the
 * listing does not call accessible, the root among them) and, for auto, in a random sample; compares;
 * falls back to the documented way for the rest if anything is amiss; then writes every compartment's
 * rows in tree order.
 */
export const tagDefaultsChecked: LocalStep = {
  name: 'tag_defaults',
  needs: ['compartments', 'byDefinition'],
  enabled: byDefinition,
  provides: 'defaults',
  callsOut: true,
  async run(known, env) {
    const all = known.compartments!;
    const by = known.byDefinition!;
    const o = env.options;
    const mode = asked(o);
    const answered = new Map<string, Row[]>();
    for (const r of by.rows) {
      const id = String(r['compartmentId']);
      (answered.get(id) ?? answered.set(id, []).get(id)!).push(r);
    }
    const refused = unusable(by, env);
    const verifyAll = mode === 'auto' && o.verifySample === 'all' && !refused;
    const accessible = all.filter((c) => c['accessible'] === true).map((c) => c.id);
    // The root is always listed (the listing says nothing of its access) and counts in the sample.
    const n = refused || mode !== 'auto' ? 0 : verifyAll ? accessible.length : Math.max(0, (typeof o.verifySample === 'number' ? o.verifySample : DEFAULTS.verifySample) - 1);
    const sample = new Set(chooseSample(accessible, new Set(answered.keys()), n));
    const isListed = (c: Scope) => c['accessible'] !== true || sample.has(c.id);

    const held = new Map<string, Row[]>();
    const failed = new Map<string, FailureRow>();
    const hold = async (m: ScopeMessage) => void (m.failures.length ? failed.set(m.scopeId, m.failures[0]!) : held.set(m.scopeId, m.rows));
    const listed = all.filter(isListed);
    await env.fanOut(documented(listed, hold), known);
    const c = refused ? undefined : compareListed(listed, held, failed, answered, env.tenancyId);
    const why = refused ?? (verifyAll ? undefined : doubt(mode, c!));
    if (why) await env.fanOut(documented(all.filter((x) => !isListed(x)), hold), known);

    const useAnswer = !why && !verifyAll;
    for (const x of all) {
      const rows = held.get(x.id) ?? (useAnswer && !isListed(x) ? (answered.get(x.id) ?? []).map((r) => ({ ...r, compartmentName: x.name })) : []);
      if (rows.length) await env.output.write(tagDefaultsKind, creationOrder(rows));
    }

    let reason: string;
    const agreed = c && `the answers agreed in all ${plural(c.compared, 'compartment')} compared (${c.withDefaults} with defaults below the root)`;
    if (why) reason = `fell back to the documented way: ${why}`;
    else if (verifyAll) reason = `--verify-sample all, every compartment listed both ways: ${c!.differences.length ? `the answers differed in ${c!.differences.length} of ${c!.compared} compartments` : agreed}`;
    else if (mode === 'auto') reason = `checked: ${agreed}`;
    else reason = `unverified (--tag-defaults-by definition)${c!.compared ? `; ${agreed}` : ''}`;
    const figures = c && { compared: c.compared, comparedWithDefaults: c.withDefaults, differing: c.differences.length, examples: c.differences.slice(0, EXAMPLES) };
    env.report('tagDefaults', {
      asked: mode,
      used: useAnswer ? 'definition' : 'compartment',
      reason,
      definitions: by.definitions,
      listed: held.size + failed.size,
      notAccessible: listed.length - sample.size,
      ...figures,
    } satisfies TagDefaultsListing);
    return true;
  },
};
