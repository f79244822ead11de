import { CoverageTally } from '../../analyze/coverage.js';
import { UsageError } from '../../errors.js';
import { resources as resourcesKind, resourceTags, tagCoverage } from '../../resources/index.js';
import type { LocalStep, PhaseDecl, Region } from './types.js';

const wantsResources = (o: { resources?: boolean }) => o.resources !== false;

/** The tenancy's region subscriptions, narrowed to what --regions asks for. */
export const regions: PhaseDecl = {
  name: 'regions',
  service: 'identity',
  needs: [],
  enabled: wantsResources,
  scopes: (_, env) => [{ id: env.tenancyId }],
  provides: 'regions',
  keep: true,
  learn([m], env): Region[] {
    const subscribed: Region[] = m.rows.map((r) => ({ name: String(r['regionName']), key: String(r['regionKey'] ?? ''), isHome: r['isHomeRegion'] === true, status: String(r['status'] ?? '') }));
    // Listing refused (recorded as a failure, so the run is partial): Search still covers the home region.
    if (!subscribed.length && m.failures.length) return env.region ? [{ name: env.region, key: '', isHome: true, status: 'READY' }] : [];
    const ready = subscribed.filter((r) => r.status === 'READY');
    const wanted = env.options.regions ?? 'all';
    if (wanted === 'all') return ready;
    if (wanted === 'home') return ready.filter((r) => r.isHome);
    const missing = wanted.filter((w) => !ready.some((r) => r.name === w));
    if (missing.length) throw new UsageError(`regions ${missing.join(', ')} are not subscribed and ready (subscribed: ${ready.map((r) => r.name).join(', ') || 'none'})`);
    return ready.filter((r) => wanted.includes(r.name));
  },
};

/** Every resource of every compartment in every chosen region: Resource Search, one scope per pair. */
export const resources: PhaseDecl<CoverageTally> = {
  name: 'resources',
  service: 'search',
  needs: ['compartments', 'regions'],
  enabled: wantsResources,
  // Made as tasks are dispatched: a scope per compartment and region would otherwise all be alive while
  // the phase runs. Object.assign, not `{ ...c, region }`: V8 gives each object made that way a hidden
  // class of its own.
  scopes: ({ compartments, regions: rs }, _, tally) => {
    tally.over(compartments as { id: string; path: string }[]);
    return {
      length: rs!.length * compartments!.length,
      *[Symbol.iterator]() {
        for (const r of rs!) for (const c of compartments!) yield Object.assign({}, c, { region: r.name });
      },
    };
  },
  chunkSize: (o) => o.chunkSize,
  init: () => new CoverageTally(),
  async write(m, env, tally) {
    if (!m.rows.length) return;
    // Scopes go region by region, each over the whole tree: a scope's place names its compartment.
    const compartment = m.index % tally.compartments;
    const tags = m.rows.flatMap((r) => tally.observe(r, compartment));
    await env.output.write(resourcesKind, m.rows);
    if (tags.length) await env.output.write(resourceTags, tags);
  },
  provides: 'coverage',
  learn: (_, __, tally) => tally,
};

/** tag_coverage.csv and the coverage figures, once the resources and the definitions are in. */
export const coverage: LocalStep = {
  name: 'coverage',
  needs: ['coverage', 'definitions'],
  enabled: wantsResources,
  async run({ coverage: tally, definitions }, env) {
    const t = tally as CoverageTally;
    await env.output.write(tagCoverage, t.rows(definitions!));
    env.report('coverage', t.figures(definitions!));
  },
};
