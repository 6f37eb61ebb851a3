import { safeParseJson } from '../../src/kit/index.js';

/** Reads the JSON setup object the parent passed as the last argument. */
export function readSetup<T extends object>(): T {
  const text = process.argv.at(-1) ?? '';
  const parsed = safeParseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    throw new Error(`expected a JSON setup object as the last argument, got ${text}`);
  }
  return parsed.value as T;
}
