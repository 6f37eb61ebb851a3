export type { UsageEvent, UsageOutcome } from './usage-event.js';
export type { UsageRecorder } from './usage-recorder.js';
export type { UsageLog } from './usage-recorder.js';
export { LoggingUsageRecorder } from './usage-recorder.js';
