export type { AcquireOptions, Gate, LimiterEvent, LimiterOptions, LimiterStats, Outcome, Permit, RetryBudget } from './types.js';
export { createLimiter, readLimit, readLimiterStats, SharedGate, DEFAULT_RETRY_BUDGET } from './shared.js';
export { MAX_RETRY_AFTER_MS } from './control.js';
export { pause, isCancelled, type Cancellation } from './wait.js';
