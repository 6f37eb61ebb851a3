import type { JsonObject, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import { MAX_SCHEMA_DEPTH, type ConvertContext } from './convert-context.js';
import { convertLiterals } from './convert-literals.js';
import { convertTypedSchema } from './convert-typed-schema.js';
import { anyValueSchema } from './any-value-schema.js';
import { constraintKeywords, flagSiblingConstraints } from './flag-sibling-constraints.js';
import { childPointer } from './json-pointer.js';
import { intersectTypes, readTypes } from './schema-types.js';
import { ANY_TYPES, isTypeName, type TypeName } from './json-schema-keywords.js';

/**
 * Converts one client subschema into a node of exactly one grammar kind (see json-schema-keywords.ts), keeping
 * `description` (node-llama-cpp shows it to the model in function calling) and dropping other annotations and
 * unknown keywords, which JSON Schema itself ignores.
 */
export function convertSchema(schema: JsonValue, pointer: string, context: ConvertContext, depth: number): JsonObject {
  if (depth > MAX_SCHEMA_DEPTH) {
    context.problems.invalid('schema', pointer, `nests deeper than ${MAX_SCHEMA_DEPTH} levels`);
    return {};
  }
  if (schema === true) return anyValueSchema();
  if (schema === false) {
    context.problems.unsupported('false', pointer, 'a schema no value matches');
    return {};
  }
  if (!isJsonObject(schema)) {
    context.problems.invalid('schema', pointer, 'must be an object or a boolean');
    return {};
  }
  const converted = convertObjectSchema(schema, pointer, context, depth);
  // The description at the use site wins over one inside an unwrapped allOf or a literal.
  return typeof schema.description === 'string' ? { ...converted, description: schema.description } : converted;
}

function convertObjectSchema(schema: JsonObject, pointer: string, context: ConvertContext, depth: number): JsonObject {
  const { allOf } = schema;
  // allOf with one member and nothing else is how pydantic v1 attaches a description to a $ref.
  if (Array.isArray(allOf) && allOf.length === 1 && constraintKeywords(schema, ['allOf']).length === 0) {
    return context.convert(allOf[0] ?? true, childPointer(pointer, 'allOf', 0), depth + 1);
  }
  if (schema.$ref !== undefined) return convertRef(schema, pointer, context);
  if (schema.oneOf !== undefined || schema.anyOf !== undefined)
    return convertAlternatives(schema, pointer, context, depth);
  if (schema.const !== undefined || schema.enum !== undefined) return convertLiterals(schema, pointer, context);
  return convertTypedSchema(schema, pointer, context, depth);
}

function convertRef(schema: JsonObject, pointer: string, context: ConvertContext): JsonObject {
  const ref = schema.$ref;
  if (typeof ref !== 'string') {
    context.problems.invalid('$ref', pointer, 'must be a string');
    return {};
  }
  flagSiblingConstraints(schema, pointer, ['$ref'], context);
  const name = context.defs.refer(ref, pointer);
  return name === undefined ? {} : { $ref: `#/$defs/${name}` };
}

/**
 * `oneOf` and `anyOf` both become the grammar's `oneOf`, which generates any one alternative: anyOf exactly,
 * and oneOf without its "only one" rule (which the grammar cannot check; alternatives are rarely overlapping).
 * A `type` beside them is folded into each alternative; other constraints beside them are refused.
 */
function convertAlternatives(schema: JsonObject, pointer: string, context: ConvertContext, depth: number): JsonObject {
  const keyword = schema.oneOf !== undefined ? 'oneOf' : 'anyOf';
  const alternatives = schema[keyword];
  if (!Array.isArray(alternatives) || alternatives.length === 0) {
    context.problems.invalid(keyword, pointer, 'must be a non-empty array');
    return {};
  }
  flagSiblingConstraints(schema, pointer, [keyword, 'type'], context);
  const outerTypes = schema.type === undefined ? undefined : readTypes(schema.type, pointer, context);
  const converted: JsonObject[] = [];
  alternatives.forEach((alternative, index) => {
    const alternativePointer = childPointer(pointer, keyword, index);
    const narrowed = outerTypes === undefined ? alternative : withOuterTypes(alternative, outerTypes, pointer, keyword);
    if (narrowed !== undefined) converted.push(context.convert(narrowed, alternativePointer, depth + 1));
  });
  if (converted.length === 0) {
    context.problems.invalid(keyword, pointer, 'has no alternative of the type the schema declares');
    return {};
  }
  return converted.length === 1 ? (converted[0] ?? {}) : { oneOf: converted };

  function withOuterTypes(
    alternative: JsonValue,
    types: TypeName[],
    outerPointer: string,
    outerKeyword: string,
  ): JsonValue | undefined {
    if (alternative === false) return undefined;
    if (alternative === true) return { type: types };
    if (!isJsonObject(alternative)) return alternative;
    if (alternative.$ref !== undefined) {
      context.problems.unsupported('type', outerPointer, `beside ${outerKeyword} with a $ref alternative`);
      return alternative;
    }
    const own = ownTypes(alternative.type);
    if (own === undefined) return alternative; // malformed: converting it reports why
    const both = intersectTypes(types, own);
    return both.length === 0 ? undefined : { ...alternative, type: both };
  }
}

/** An alternative's declared types without reporting (its own conversion reports a malformed `type`). */
function ownTypes(value: JsonValue | undefined): TypeName[] | undefined {
  if (value === undefined) return [...ANY_TYPES, 'integer'];
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every(isTypeName) ? list : undefined;
}
