// The package's public entry: `import { collect, startSimulator } from 'oci-growth'`.
export { collect, type CollectOptions } from './library.js';
export type { CollectSettings } from './collect/settings.js';
export { DEFAULTS } from './collect/settings.js';
export type { Progress } from './collect/options.js';
export type { RunSummary } from './collect/summary.js';
export { UsageError, isUsageError } from './errors.js';
export { startSimulator, type Simulator, type SimOptions, type SimCredentials, type GroundTruth } from './sim/index.js';
export { VERSION } from './version.js';
