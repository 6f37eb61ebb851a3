import { GatewayError } from '../../spec/index.js';
import type { JsonValue } from '../../spec/index.js';

/** The result of parsing text that may not be JSON. */
export type JsonParseResult = { ok: true; value: JsonValue } | { ok: false; error: Error };

/** The one place that calls JSON.parse: callers decide what a failure means. */
export function safeParseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Parses a client's body; a failure is the client's mistake and says where. */
export function parseClientJson(text: string): JsonValue {
  const result = safeParseJson(text);
  if (!result.ok) {
    throw new GatewayError('invalid_json', `The request body is not valid JSON: ${result.error.message}`);
  }
  return result.value;
}
