import { creationOrder } from '../../analyze/tag-defaults-check.js';
import { UsageError } from '../../errors.js';
import { compartments as compartmentsKind, tagDefaults as tagDefaultsKind, tagDefinitions as tagDefinitionsKind, tagNamespaces as tagNamespacesKind } from '../../resources/index.js';
import type { ScopeMessage } from '../../../workers/protocol.js';
import { buildTree } from '../tree.js';
import type { PhaseDecl, PhaseEnv } from './types.js';

/**
 * The first phase's calls tell whether the run can work at all. A 401 on them means the credentials
 * (user, fingerprint, key, tenancy) are wrong, and a network error after every retry means the
 * endpoint is: thousands of identical failures would say less than one line now.
 */
function refuseIfUnusable(listing: ScopeMessage, env: PhaseEnv): void {
  const f = listing.failures;
  const auth = f.find((x) => x.httpStatus === 401);
  const { auth: spec } = env.options;
  if (auth) {
    const check =
      spec.kind === 'api_key'
        ? `check user, fingerprint, key_file and tenancy of profile [${spec.profile}] in ${spec.configFile}`
        : spec.kind === 'security_token'
          ? `the session token of profile [${spec.profile}] is expired or revoked: run oci session authenticate (or refresh) and try again`
          : `the ${spec.kind.replace('_', ' ')} was not accepted: check its dynamic group and policies`;
    throw new UsageError(`the server rejected the request signature (401 ${auth.serviceCode}): ${check}`);
  }
  const list = f.find((x) => x.operation === 'ListCompartments');
  if (list && (list.serviceCode === 'NetworkError' || list.serviceCode === 'Timeout'))
    throw new UsageError(`cannot reach the Identity endpoint (${env.target}): ${list.message}`);
}

/** The compartment tree: GetTenancy for the root and one paged ListCompartments for the rest. */
export const compartments: PhaseDecl = {
  name: 'compartments',
  service: 'identity',
  needs: [],
  scopes: (_, env) => [{ id: env.tenancyId }],
  // Written once whole (the tree orders it), and then only the scopes outlive it: the listing is dropped
  // before the long phases start, the tree (50,000 rows on a big tenancy) once it is written.
  write: async () => {},
  provides: 'compartments',
  keep: true,
  async learn([listing], env) {
    refuseIfUnusable(listing, env);
    for (const w of listing.warnings ?? []) env.options.onWarning?.(w);
    const tree = buildTree(env.tenancyId, listing.tenancy, listing.rows);
    // The tree holds what it keeps of the listing: the rest (inactive compartments) need not stay alive while it is written.
    listing.rows = [];
    // Written while the tag defaults' first requests are out: they need only the scopes.
    env.meanwhile(env.output.write(compartmentsKind, tree));
    // `accessible`: the listing's word that the caller may read inside it (the root has none).
    return tree.map((c) => ({ id: String(c['id']), name: String(c['name']), path: String(c['path']), ...(c['isAccessible'] === true ? { accessible: true } : {}) }));
  },
};

/** Tag namespaces of the whole tenancy, sub-compartments included: needs only the tenancy. */
export const tagNamespaces: PhaseDecl = {
  name: 'tag_namespaces',
  service: 'identity',
  needs: [],
  scopes: (_, env) => [{ id: env.tenancyId }],
  kind: tagNamespacesKind,
  provides: 'namespaces',
  keep: true,
  learn: (messages) => messages.flatMap((m) => m.rows.map((n) => ({ id: String(n['id']), name: String(n['name']), retired: n['isRetired'] === true }))),
};

/** One listing per namespace, spread over the threads. */
export const tagDefinitions: PhaseDecl = {
  name: 'tag_definitions',
  service: 'identity',
  needs: ['namespaces'],
  scopes: ({ namespaces }) => namespaces!,
  parallel: (o) => o.maxWorkersTags,
  kind: tagDefinitionsKind,
  provides: 'definitions',
  keep: true,
  learn: (messages) => messages.flatMap((m) => m.rows),
};

/** Fetched tag-default listings that may wait to be written behind an earlier one (see backlog). */
const TAG_DEFAULTS_BACKLOG = 4096;

/** The heavy one: every compartment's own tag defaults, the root's included. Needs only the tree. */
export const tagDefaults: PhaseDecl = {
  name: 'tag_defaults',
  service: 'identity',
  needs: ['compartments'],
  enabled: (o) => (o.tagDefaultsBy ?? 'compartment') === 'compartment',
  scopes: ({ compartments }) => compartments!,
  chunkSize: (o) => o.chunkSize,
  // A compartment's defaults are a few small rows, and hundreds of listings are in flight: with the
  // shared bound, one scope held up by a retry stalled the phase's feeding behind it.
  backlog: () => TAG_DEFAULTS_BACKLOG,
  write: async (m, env) => {
    // The message keeps the rows in the order written: a step following the phase takes them from it.
    m.rows = creationOrder(m.rows);
    if (m.rows.length) await env.output.write(tagDefaultsKind, m.rows);
  },
  provides: 'defaults',
  learn: (_, env) => {
    env.report('tagDefaults', { asked: 'compartment', used: 'compartment', reason: 'the documented way: one listing per compartment' });
    return true;
  },
};
