import type { JsonObject, JsonValue } from '../../spec/index.js';
import type { DefRegistry } from './def-registry.js';
import type { SchemaProblems } from './schema-problems.js';

/** What every converter of one schema shares: where problems go, the hoisted definitions, and the recursion. */
export interface ConvertContext {
  problems: SchemaProblems;
  defs: DefRegistry;
  /** Converts a subschema one level deeper (the depth limit lives there). */
  convert(schema: JsonValue, pointer: string, depth: number): JsonObject;
}

/** Deeper schemas are refused: the grammar stops at 512 nested scopes and so does the call stack, eventually. */
export const MAX_SCHEMA_DEPTH = 64;

/** A non-negative integer keyword (`minLength`, `maxItems`…), undefined when absent; invalid values are reported. */
export function readCount(
  schema: JsonObject,
  keyword: string,
  pointer: string,
  context: ConvertContext,
): number | undefined {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    context.problems.invalid(keyword, pointer, 'must be a non-negative integer');
    return undefined;
  }
  return value;
}

/** Checks `minimum <= maximum` for a pair of counts (the grammar silently raises the maximum instead). */
export function checkCountRange(
  minimum: { keyword: string; value: number | undefined },
  maximum: { keyword: string; value: number | undefined },
  pointer: string,
  context: ConvertContext,
): void {
  if (minimum.value !== undefined && maximum.value !== undefined && minimum.value > maximum.value) {
    context.problems.invalid(
      minimum.keyword,
      pointer,
      `(${minimum.value}) is greater than ${maximum.keyword} (${maximum.value})`,
    );
  }
}

/** The grammar writes literal strings (const, enum, property names) into JSON without escaping control characters. */
export function hasUnescapedControlCharacter(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text);
}
