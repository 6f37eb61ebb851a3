import { isJsonObject } from '../../spec/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';
import { childPath, describeKind, invalidParameter } from './invalid-parameter.js';

/*
 * Typed readers for one field of a JSON object. A missing field and an explicit `null` both read as
 * undefined, because the official SDKs send `null` for settings the caller left unset. `parent` is the
 * path of the object, so errors name the full parameter path ("messages[2].content").
 */

export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function readValue(object: JsonObject, key: string): JsonValue | undefined {
  const value = object[key];
  return value === null ? undefined : value;
}

export function readString(object: JsonObject, key: string, parent = ''): string | undefined {
  const value = readValue(object, key);
  if (value === undefined || typeof value === 'string') return value;
  throw invalidParameter(childPath(parent, key), `must be a string, got ${describeKind(value)}.`);
}

export function requireString(object: JsonObject, key: string, parent = ''): string {
  const value = readString(object, key, parent);
  if (value === undefined) throw invalidParameter(childPath(parent, key), 'is required.');
  return value;
}

export function readBoolean(object: JsonObject, key: string, parent = ''): boolean | undefined {
  const value = readValue(object, key);
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalidParameter(childPath(parent, key), `must be a boolean, got ${describeKind(value)}.`);
}

export function readNumber(object: JsonObject, key: string, range: NumberRange = {}, parent = ''): number | undefined {
  const value = readValue(object, key);
  if (value === undefined) return undefined;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.integer !== true || Number.isInteger(value)) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max);
  if (valid) return value;
  throw invalidParameter(childPath(parent, key), `must be ${describeRange(range)}.`);
}

export function readInteger(
  object: JsonObject,
  key: string,
  range: Omit<NumberRange, 'integer'> = {},
  parent = '',
): number | undefined {
  return readNumber(object, key, { ...range, integer: true }, parent);
}

export function readObject(object: JsonObject, key: string, parent = ''): JsonObject | undefined {
  const value = readValue(object, key);
  if (value === undefined || isJsonObject(value)) return value;
  throw invalidParameter(childPath(parent, key), `must be an object, got ${describeKind(value)}.`);
}

export function readArray(object: JsonObject, key: string, parent = ''): JsonValue[] | undefined {
  const value = readValue(object, key);
  if (value === undefined || Array.isArray(value)) return value;
  throw invalidParameter(childPath(parent, key), `must be an array, got ${describeKind(value)}.`);
}

/** Reads a string that must be one of a fixed set of values. */
export function readEnum<Value extends string>(
  object: JsonObject,
  key: string,
  allowed: readonly Value[],
  parent = '',
): Value | undefined {
  const value = readString(object, key, parent);
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as Value;
  const choices = allowed.map((choice) => `'${choice}'`).join(', ');
  throw invalidParameter(childPath(parent, key), `must be one of ${choices}, got '${value}'.`);
}

function describeRange(range: NumberRange): string {
  const kind = range.integer === true ? 'an integer' : 'a number';
  if (range.min !== undefined && range.max !== undefined) return `${kind} between ${range.min} and ${range.max}`;
  if (range.integer === true && range.min === 1) return 'a positive integer';
  if (range.min !== undefined) return `${kind} greater than or equal to ${range.min}`;
  if (range.max !== undefined) return `${kind} less than or equal to ${range.max}`;
  return kind;
}
