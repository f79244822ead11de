export type { Gate, LimiterEvent, LimiterOptions, LimiterStats, Outcome, Permit, RetryBudget } from './types.js';
export { createLimiter, readLimiterStats, SharedGate, DEFAULT_RETRY_BUDGET } from './shared.js';
