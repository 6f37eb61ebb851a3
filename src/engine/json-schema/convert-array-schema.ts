import type { JsonObject, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import { readCount, type ConvertContext } from './convert-context.js';
import { childPointer } from './json-pointer.js';

/**
 * The array variant. Draft 2019 tuples (`items: [...]` with `additionalItems`) become `prefixItems`/`items`.
 * The grammar always generates every prefix item (stricter than JSON Schema, so still valid) and treats
 * `items: false` as "null items", so a closed tuple is expressed with `maxItems` instead.
 */
export function convertArraySchema(
  schema: JsonObject,
  pointer: string,
  context: ConvertContext,
  depth: number,
): JsonObject {
  const tupleForm = Array.isArray(schema.items);
  const prefixKeyword = tupleForm ? 'items' : 'prefixItems';
  const restKeyword = tupleForm ? 'additionalItems' : 'items';
  if (tupleForm && schema.prefixItems !== undefined) {
    context.problems.invalid('items', pointer, 'cannot be an array beside prefixItems');
    return { type: 'array' };
  }
  const minItems = readCount(schema, 'minItems', pointer, context);
  let maxItems = readCount(schema, 'maxItems', pointer, context);

  let prefix: JsonValue[] = [];
  const prefixSource = schema[prefixKeyword];
  if (prefixSource !== undefined) {
    if (Array.isArray(prefixSource)) prefix = prefixSource;
    else context.problems.invalid(prefixKeyword, pointer, 'must be an array of schemas');
  }
  // Positions past maxItems, or past a `false` item, can never be filled: the grammar must not generate them.
  const closedAt = prefix.indexOf(false);
  if (closedAt >= 0) maxItems = Math.min(maxItems ?? closedAt, closedAt);
  if (maxItems !== undefined && prefix.length > maxItems) prefix = prefix.slice(0, maxItems);

  const out: JsonObject = { type: 'array' };
  if (prefix.length > 0) {
    out.prefixItems = prefix.map((item, index) =>
      context.convert(item, childPointer(pointer, prefixKeyword, index), depth + 1),
    );
  }
  const rest = schema[restKeyword];
  if (rest === false) maxItems = Math.min(maxItems ?? prefix.length, prefix.length);
  else if (isJsonObject(rest)) out.items = context.convert(rest, childPointer(pointer, restKeyword), depth + 1);
  else if (rest !== undefined && rest !== true)
    context.problems.invalid(restKeyword, pointer, 'must be a schema or a boolean');

  if (minItems !== undefined && maxItems !== undefined && minItems > maxItems) {
    context.problems.invalid(
      'minItems',
      pointer,
      `(${minItems}) asks for more items than the schema allows (${maxItems})`,
    );
  }
  if (minItems !== undefined && minItems > 0) out.minItems = minItems;
  if (maxItems !== undefined) out.maxItems = maxItems;
  return out;
}
