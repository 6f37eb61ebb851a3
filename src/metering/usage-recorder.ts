import type { UsageEvent } from './usage-event.js';

/** Where finished requests are reported. The request path only appends; persistence happens off it. */
export interface UsageRecorder {
  record(event: UsageEvent): void;
}

/** The part of a logger the recorder needs; pino's loggers fit. */
export interface UsageLog {
  debug(object: object, message: string): void;
}

/**
 * Until the persistent, batched ledger lands (issue 5), each finished request is a debug log line with its
 * normalised usage, so an operator can audit metering with HANGAR_LOG_LEVEL=debug. At other levels pino
 * drops the call before building anything.
 */
export class LoggingUsageRecorder implements UsageRecorder {
  readonly #log: UsageLog;

  constructor(log: UsageLog) {
    this.#log = log;
  }

  record(event: UsageEvent): void {
    this.#log.debug({ usage: event }, 'usage');
  }
}
