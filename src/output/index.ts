export { RunOutput, TOP_COMPARTMENTS, type RunOutputOptions } from './run-output.js';
export type { RunMetadata } from './metadata.js';
export { renderSummary, formatDuration, type SummaryInput, type CompartmentStat } from './summary.js';
export type { NamespaceStat, FailureGroup, FailureExample } from './tally.js';
export { OutputDirError, OutputWriteError } from './errors.js';
export { OUTPUT_FILES, SNAPSHOT_FILE, SUMMARY_FILE } from './files.js';
export { RunLock, LOCK_FILE } from './lock.js';
export { renderColumnsMarkdown } from './docs.js';
export type { Opener } from './sink.js';
