// The local analysis step of a collection: reads back what the run wrote (the tree, namespaces,
// definitions, own defaults and the failures that say what is missing) and writes effective tag
// defaults and findings. No API call; memory follows the tree's depth and the tag catalog's size.
import { analyzeGovernance } from '../analyze/governance.js';
import { Catalog } from '../analyze/catalog.js';
import { compartmentRecord, defaultRecord, definitionRecord, namespaceRecord, type DefaultRecord } from '../analyze/records.js';
import type { RunOutput } from '../output/index.js';
import type { Phase, ScopeMessage } from '../../workers/protocol.js';
import { compartments, effectiveTagDefaults, failures, findings, project, tagDefaults, tagDefinitions, tagNamespaces, type ResourceKind } from '../resources/index.js';

async function* records<T>(output: RunOutput, kind: ResourceKind, as: (r: Record<string, unknown>) => T): AsyncGenerator<T> {
  for await (const r of output.rows(kind)) yield as(r);
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/**
 * Each compartment's own defaults as the tag-defaults phase writes them, in the same order. A scope's
 * failures are noted before its rows are handed on: the walk asks whether a compartment was readable
 * only once it has read past that compartment's defaults, so by then it is known.
 */
async function* releasedDefaults(messages: AsyncIterable<ScopeMessage>, unreadable: Map<string, string>): AsyncGenerator<DefaultRecord> {
  for await (const m of messages) {
    for (const f of m.failures) if (!unreadable.has(f.scopeId)) unreadable.set(f.scopeId, f.serviceCode || 'Unknown');
    for (const r of m.rows) yield defaultRecord(project(tagDefaults, r));
  }
}

/**
 * Call once the tree, namespaces and definitions are in, and either every compartment's defaults too,
 * or `released`, the tag-defaults phase's results as it writes them. An interrupted run's unfinished
 * scopes come as Cancelled failures, so they count as unreadable, never as "no defaults".
 */
export async function analyzeCollected(output: RunOutput, released?: AsyncIterable<ScopeMessage>): Promise<void> {
  const unreadable = new Map<string, string>();
  const noDefinitions = new Set<string>();
  let namespacesUnlisted = false;
  let treeIncomplete = false;
  for await (const f of output.rows(failures)) {
    const scope = String(f['scope_id'] ?? '');
    const code = String(f['service_code'] ?? '') || 'Unknown';
    const phase = f['phase'] as Phase;
    // Released results carry their own failures, in order; the file holds only some of them so far.
    if (phase === 'tag_defaults') {
      if (!released) unreadable.set(scope, unreadable.get(scope) ?? code);
    } else if (phase === 'tag_definitions') noDefinitions.add(scope);
    else if (phase === 'tag_namespaces') namespacesUnlisted = true;
    else if (phase === 'compartments') treeIncomplete = true;
  }
  const catalog = new Catalog(await all(records(output, tagNamespaces, namespaceRecord)), await all(records(output, tagDefinitions, definitionRecord)), {
    namespacesUnlisted,
    namespacesWithoutDefinitions: noDefinitions,
  });
  const report = await analyzeGovernance(
    {
      compartments: records(output, compartments, compartmentRecord),
      defaults: released ? releasedDefaults(released, unreadable) : records(output, tagDefaults, defaultRecord),
      catalog,
      unreadable,
    },
    { effective: (rows) => output.write(effectiveTagDefaults, rows), findings: (rows) => output.write(findings, rows) },
  );
  if (treeIncomplete) report.caveats.unshift('the compartment listing failed: compartments it did not return have no effective defaults and their tag defaults were not checked');
  output.setGovernance(report);
}
