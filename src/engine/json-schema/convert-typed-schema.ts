import type { JsonObject } from '../../spec/index.js';
import type { ConvertContext } from './convert-context.js';
import { convertArraySchema } from './convert-array-schema.js';
import { convertObjectSchema } from './convert-object-schema.js';
import { convertStringSchema } from './convert-string-schema.js';
import { UNSUPPORTED_KEYWORDS, appliesToTypes, isNoOpKeyword, type TypeName } from './json-schema-keywords.js';
import { impliedTypes, readTypes } from './schema-types.js';

/**
 * A schema described by `type` (or by keywords that imply one). The grammar reads minLength, properties, items…
 * only on a node whose `type` is that single type, and a list of types only for scalars (`["object", "null"]`
 * generates only null), so several types with such keywords become `oneOf` one schema per type.
 */
export function convertTypedSchema(
  schema: JsonObject,
  pointer: string,
  context: ConvertContext,
  depth: number,
): JsonObject {
  const types = schema.type === undefined ? impliedTypes(schema) : readTypes(schema.type, pointer, context);
  if (types === undefined) return {};
  for (const [keyword, appliesTo] of UNSUPPORTED_KEYWORDS) {
    const value = schema[keyword];
    if (value !== undefined && !isNoOpKeyword(keyword, value) && appliesToTypes(appliesTo, types)) {
      context.problems.unsupported(keyword, pointer);
    }
  }
  const variants = types.map((type) => convertForType(type, schema, pointer, context, depth));
  // Plain scalar variants collapse into one `type` list, where the first of them stood.
  const plainTypes = variants.filter(isPlainScalar).map((variant) => variant.type as TypeName);
  const merged: JsonObject[] = [];
  for (const variant of variants) {
    if (!isPlainScalar(variant)) merged.push(variant);
    else if (variant.type === plainTypes[0])
      merged.push({ type: plainTypes.length === 1 ? (variant.type ?? null) : plainTypes });
  }
  return merged.length === 1 ? (merged[0] ?? {}) : { oneOf: merged };
}

function convertForType(
  type: TypeName,
  schema: JsonObject,
  pointer: string,
  context: ConvertContext,
  depth: number,
): JsonObject {
  switch (type) {
    case 'string':
      return convertStringSchema(schema, pointer, context);
    case 'object':
      return convertObjectSchema(schema, pointer, context, depth);
    case 'array':
      return convertArraySchema(schema, pointer, context, depth);
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return { type };
  }
}

function isPlainScalar(variant: JsonObject): boolean {
  return (
    Object.keys(variant).length === 1 && typeof variant.type === 'string' && !['object', 'array'].includes(variant.type)
  );
}
