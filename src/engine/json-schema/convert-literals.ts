import type { JsonObject, JsonPrimitive, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import { hasUnescapedControlCharacter, type ConvertContext } from './convert-context.js';
import { readTypes, valueHasType } from './schema-types.js';
import { flagSiblingConstraints } from './flag-sibling-constraints.js';

/**
 * `const` and `enum`. The grammar takes scalar literals only (an object or array throws), so structured values
 * become object and array schemas of literals. A `type` beside them filters the values (JSON Schema requires
 * both to hold); other constraints beside them are ignored by the grammar and so refused.
 */
export function convertLiterals(schema: JsonObject, pointer: string, context: ConvertContext): JsonObject {
  const keyword = schema.const !== undefined ? 'const' : 'enum';
  let values: JsonValue[];
  if (keyword === 'const') {
    values = [schema.const as JsonValue];
  } else if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    values = schema.enum;
  } else {
    context.problems.invalid('enum', pointer, 'must be a non-empty array');
    return {};
  }
  flagSiblingConstraints(schema, pointer, [keyword, 'type'], context);
  if (schema.type !== undefined) {
    const types = readTypes(schema.type, pointer, context);
    if (types !== undefined) values = values.filter((value) => valueHasType(value, types));
    if (values.length === 0) {
      context.problems.invalid(keyword, pointer, 'has no value of the type the schema declares');
      return {};
    }
  }
  const scalars: JsonPrimitive[] = [];
  const structured: JsonObject[] = [];
  for (const value of values) {
    if (Array.isArray(value) || isJsonObject(value)) structured.push(literalSchema(value, keyword, pointer, context));
    else scalars.push(literalValue(value, keyword, pointer, context));
  }
  const alternatives: JsonObject[] = [];
  if (scalars.length === 1) alternatives.push({ const: scalars[0] ?? null });
  else if (scalars.length > 1) alternatives.push({ enum: scalars });
  alternatives.push(...structured);
  return alternatives.length === 1 ? (alternatives[0] ?? {}) : { oneOf: alternatives };
}

function literalValue(value: JsonPrimitive, keyword: string, pointer: string, context: ConvertContext): JsonPrimitive {
  if (typeof value === 'string' && hasUnescapedControlCharacter(value)) {
    context.problems.unsupported(keyword, pointer, 'a string with control characters');
  }
  return value;
}

/** A schema whose only value is `value`: the grammar generates it member by member, in order. */
function literalSchema(value: JsonValue, keyword: string, pointer: string, context: ConvertContext): JsonObject {
  if (Array.isArray(value)) {
    return {
      type: 'array',
      prefixItems: value.map((item) => literalSchema(item, keyword, pointer, context)),
      minItems: value.length,
      maxItems: value.length,
    };
  }
  if (isJsonObject(value)) {
    const properties: JsonObject = {};
    for (const [name, member] of Object.entries(value)) {
      literalValue(name, keyword, pointer, context);
      properties[name] = literalSchema(member, keyword, pointer, context);
    }
    return { type: 'object', properties, required: Object.keys(value), additionalProperties: false };
  }
  return { const: literalValue(value, keyword, pointer, context) };
}
