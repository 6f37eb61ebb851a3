import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerOptions {
  /** `log_prompts`: let prompt and message text through. Off, any such field is redacted wherever it appears. */
  logPrompts?: boolean;
  /** Where the lines go; standard output unless a test captures them. */
  destination?: DestinationStream;
}

const SECRET_PATHS = ['*.apiKey', '*.api_key', '*.authorization', '*["api-key"]'];
/** Fields that carry prompt or completion text; no log call is meant to write them unless log_prompts is on. */
const PROMPT_PATHS = ['prompt', '*.prompt', 'messages', '*.messages', 'body', '*.body', 'system', '*.system'];

/** JSON lines on stdout; secrets never reach a log line because connections are never logged whole. */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const settings = {
    level,
    base: { service: 'hangar' },
    redact: {
      paths: options.logPrompts === true ? SECRET_PATHS : [...SECRET_PATHS, ...PROMPT_PATHS],
      censor: '[redacted]',
    },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
