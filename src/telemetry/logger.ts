import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** JSON lines on stdout; secrets never reach a log line because connections are never logged whole. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'hangar' },
    redact: { paths: ['*.apiKey', '*.api_key', '*.authorization', '*["api-key"]'], censor: '[redacted]' },
  });
}
