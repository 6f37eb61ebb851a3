export type { UsageEvent, UsageOutcome } from './usage-event.js';
export type { UsageRecorder, UsageTotals } from './usage-recorder.js';
export { InMemoryUsageRecorder } from './usage-recorder.js';
