import { collect as run } from './collect/run.js';
import type { Progress } from './collect/options.js';
import { inSettingNames, resolveSettings, type CollectSettings } from './collect/settings.js';
import { isUsageError } from './errors.js';
import { runSummary, type RunSummary } from './collect/summary.js';

/** `collect`'s options: the CLI's, camel-cased, plus what a program needs instead of a terminal. */
export interface CollectOptions extends CollectSettings {
  /** Aborting stops new calls; what was collected is written, marked incomplete (`interrupted: true`). */
  signal?: AbortSignal;
  /** Called as the run advances (phase, scopes done of total, requests, throttled, current limit). */
  onProgress?: (progress: Progress) => void;
  /** Things the user should know that do not stop the run (e.g. a key file others can read). */
  onWarning?: (message: string) => void;
}

/**
 * Collects a tenancy's tag-governance data into `outputDir`, with the CLI's defaults. Resolves with
 * the run summary (what `oci-growth collect --json` prints) once the files are in place; a partial run
 * resolves too, with `complete: false` and `exitCode: 3`. Bad options, configuration or credentials
 * reject with a `UsageError` whose message names the option.
 */
export async function collect(options: CollectOptions = {}): Promise<RunSummary> {
  try {
    const report = await run({ ...resolveSettings(options), signal: options.signal, onProgress: options.onProgress, onWarning: options.onWarning });
    return runSummary(report);
  } catch (e) {
    if (isUsageError(e)) e.message = inSettingNames(e.message);
    throw e;
  }
}
