import { isJsonObject } from '../../spec/index.js';
import type { JsonObject } from '../../spec/index.js';

/** A non-negative integer count at a path in a vendor usage object; 0 when absent or not a number. */
export function readCount(object: JsonObject, ...path: string[]): number {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return 0;
    current = current[key];
  }
  return typeof current === 'number' && Number.isFinite(current) && current > 0 ? Math.round(current) : 0;
}

/** Whether a path holds a number at all (a vendor that sent 0 differs from one that sent nothing). */
export function hasCount(object: JsonObject, ...path: string[]): boolean {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return false;
    current = current[key];
  }
  return typeof current === 'number';
}
