import type { JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';

/** JSON Schema equality for const/enum: numbers by value (1 equals 1.0), object members in any order. */
export function jsonEqual(first: JsonValue, second: JsonValue): boolean {
  if (Array.isArray(first)) {
    return (
      Array.isArray(second) &&
      first.length === second.length &&
      first.every((item, index) => jsonEqual(item, second[index] ?? null))
    );
  }
  if (isJsonObject(first)) {
    if (!isJsonObject(second)) return false;
    const keys = Object.keys(first);
    return (
      keys.length === Object.keys(second).length &&
      keys.every((key) => Object.hasOwn(second, key) && jsonEqual(first[key] ?? null, second[key] ?? null))
    );
  }
  return first === second;
}
