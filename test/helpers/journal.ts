import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOURNAL_FILE } from '../../src/collect/journal.js';

/** Scope ids the journal in `dir` records as collected, per phase (a torn line is skipped, as a resume does). */
export function journaled(dir: string, phase = 'tag_defaults'): Set<string> {
  const out = new Set<string>();
  const file = join(dir, JOURNAL_FILE);
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    try {
      const e = JSON.parse(line);
      if (e.phase === phase) out.add(e.scopeId);
    } catch {
      continue;
    }
  }
  return out;
}

/** Waits until the journal holds at least `n` collected scopes of `phase` (tag defaults by default). */
export async function waitForJournal(dir: string, n: number, timeoutMs = 30_000, phase = 'tag_defaults'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (journaled(dir, phase).size < n) {
    if (Date.now() > end) throw new Error(`journal in ${dir} did not reach ${n} scopes`);
    await sleep(20);
  }
}
