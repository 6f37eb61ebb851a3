import type { JsonObject } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import { checkCountRange, hasUnescapedControlCharacter, readCount, type ConvertContext } from './convert-context.js';
import { childPointer } from './json-pointer.js';

/**
 * The object variant. The grammar generates every key of `properties`, in order, whatever `required` says;
 * that is stricter than the client's schema, so still valid, and `required` is kept for the validator.
 * `additionalProperties` absent means false to the grammar: kept as is (the validator reads it the same way),
 * except on an object without `properties`, which only means "any object" and would otherwise generate `{}`.
 */
export function convertObjectSchema(
  schema: JsonObject,
  pointer: string,
  context: ConvertContext,
  depth: number,
): JsonObject {
  const out: JsonObject = { type: 'object' };
  const additional = convertAdditionalProperties(schema, pointer, context, depth);
  const additionalAllowed = additional !== undefined && additional !== false;
  const properties = convertProperties(schema, pointer, context, depth, additionalAllowed);
  const count = properties === undefined ? 0 : Object.keys(properties).length;
  if (properties !== undefined) out.properties = properties;
  if (additional !== undefined) out.additionalProperties = additional;
  else if (schema.properties === undefined) out.additionalProperties = true;

  const { required } = schema;
  if (required !== undefined) {
    if (!Array.isArray(required) || !required.every((name) => typeof name === 'string')) {
      context.problems.invalid('required', pointer, 'must be an array of strings');
    } else {
      for (const name of required) {
        if (properties?.[name] === undefined) {
          context.problems.unsupported('required', pointer, `${JSON.stringify(name)} is not among the properties`);
        }
      }
      out.required = required;
    }
  }

  const minProperties = readCount(schema, 'minProperties', pointer, context);
  const maxProperties = readCount(schema, 'maxProperties', pointer, context);
  checkCountRange(
    { keyword: 'minProperties', value: minProperties },
    { keyword: 'maxProperties', value: maxProperties },
    pointer,
    context,
  );
  if (maxProperties !== undefined) {
    if (maxProperties < count) {
      context.problems.unsupported('maxProperties', pointer, `below the ${count} properties, which are all generated`);
    }
    out.maxProperties = maxProperties;
  }
  if (minProperties !== undefined) {
    if (minProperties > count && !additionalAllowed && out.additionalProperties !== true) {
      context.problems.unsupported(
        'minProperties',
        pointer,
        `above the ${count} properties without additionalProperties`,
      );
    }
    out.minProperties = minProperties;
  }
  return out;
}

function convertAdditionalProperties(
  schema: JsonObject,
  pointer: string,
  context: ConvertContext,
  depth: number,
): JsonObject | boolean | undefined {
  const additional = schema.additionalProperties;
  if (additional === undefined || typeof additional === 'boolean') return additional;
  if (!isJsonObject(additional)) {
    context.problems.invalid('additionalProperties', pointer, 'must be a schema or a boolean');
    return undefined;
  }
  return context.convert(additional, childPointer(pointer, 'additionalProperties'), depth + 1);
}

function convertProperties(
  schema: JsonObject,
  pointer: string,
  context: ConvertContext,
  depth: number,
  additionalAllowed: boolean,
): JsonObject | undefined {
  const { properties } = schema;
  if (properties === undefined) return undefined;
  if (!isJsonObject(properties)) {
    context.problems.invalid('properties', pointer, 'must be an object of schemas');
    return undefined;
  }
  const out: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) {
    const propertyPointer = childPointer(pointer, 'properties', name);
    if (hasUnescapedControlCharacter(name)) {
      context.problems.unsupported('properties', pointer, `the name ${JSON.stringify(name)} has control characters`);
    }
    if (property === false) {
      // A forbidden key is never generated, unless additional properties could bring it back.
      if (additionalAllowed) context.problems.unsupported('false', propertyPointer, 'a forbidden property');
      continue;
    }
    out[name] = context.convert(property, propertyPointer, depth + 1);
  }
  return out;
}
