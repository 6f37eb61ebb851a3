import type { UsageEvent } from './usage-event.js';
import type { UsageRecorder } from './usage-recorder.js';

/** Reports every call to each recorder in turn: the ledger, and a test's observer beside it. */
export function combineUsageRecorders(...recorders: UsageRecorder[]): UsageRecorder {
  return {
    record(event: UsageEvent) {
      for (const recorder of recorders) recorder.record(event);
    },
  };
}
