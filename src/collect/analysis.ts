// The local analysis step of a collection: reads back what the run wrote (the tree, namespaces,
// definitions, own defaults and the failures that say what is missing) and writes effective tag
// defaults and findings. No API call; memory follows the tree's depth and the tag catalog's size.
import { analyzeGovernance } from '../analyze/governance.js';
import { Catalog } from '../analyze/catalog.js';
import { compartmentRecord, defaultRecord, definitionRecord, namespaceRecord } from '../analyze/records.js';
import type { RunOutput } from '../output/index.js';
import type { Phase } from '../../workers/protocol.js';
import { compartments, effectiveTagDefaults, failures, findings, tagDefaults, tagDefinitions, tagNamespaces, type ResourceKind } from '../resources/index.js';

async function* records<T>(output: RunOutput, kind: ResourceKind, as: (r: Record<string, unknown>) => T): AsyncGenerator<T> {
  for await (const r of output.rows(kind)) yield as(r);
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/**
 * Call once every collection phase has ended (an interrupted run included: its unfinished scopes are
 * in failures as Cancelled, so they count as unreadable, never as "no defaults").
 */
export async function analyzeCollected(output: RunOutput): Promise<void> {
  const unreadable = new Map<string, string>();
  const noDefinitions = new Set<string>();
  let namespacesUnlisted = false;
  let treeIncomplete = false;
  for await (const f of output.rows(failures)) {
    const scope = String(f['scope_id'] ?? '');
    const code = String(f['service_code'] ?? '') || 'Unknown';
    const phase = f['phase'] as Phase;
    if (phase === 'tag_defaults') unreadable.set(scope, unreadable.get(scope) ?? code);
    else if (phase === 'tag_definitions') noDefinitions.add(scope);
    else if (phase === 'tag_namespaces') namespacesUnlisted = true;
    else if (phase === 'compartments') treeIncomplete = true;
  }
  const catalog = new Catalog(await all(records(output, tagNamespaces, namespaceRecord)), await all(records(output, tagDefinitions, definitionRecord)), {
    namespacesUnlisted,
    namespacesWithoutDefinitions: noDefinitions,
  });
  const report = await analyzeGovernance(
    { compartments: records(output, compartments, compartmentRecord), defaults: records(output, tagDefaults, defaultRecord), catalog, unreadable },
    { effective: (rows) => output.write(effectiveTagDefaults, rows), findings: (rows) => output.write(findings, rows) },
  );
  if (treeIncomplete) report.caveats.unshift('the compartment listing failed: compartments it did not return have no effective defaults and their tag defaults were not checked');
  output.setGovernance(report);
}
