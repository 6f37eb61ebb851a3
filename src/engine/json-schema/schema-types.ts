import type { JsonObject, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import type { ConvertContext } from './convert-context.js';
import {
  ANY_TYPES,
  TYPE_NAMES,
  TYPE_OF_KEYWORD,
  isTypeName,
  isNoOpKeyword,
  type TypeName,
} from './json-schema-keywords.js';

/** The `type` keyword as a list, or undefined after reporting a malformed one. */
export function readTypes(value: JsonValue, pointer: string, context: ConvertContext): TypeName[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isTypeName)) {
    context.problems.invalid('type', pointer, `must be one of ${TYPE_NAMES.join(', ')}, or a non-empty list of them`);
    return undefined;
  }
  return [...new Set(list)];
}

/** The types a schema without `type` can produce: those its keywords imply, or any (JSON Schema's meaning). */
export function impliedTypes(schema: JsonObject): TypeName[] {
  const implied = new Set<TypeName>();
  for (const [keyword, value] of Object.entries(schema)) {
    const type = TYPE_OF_KEYWORD.get(keyword);
    if (type !== undefined && !isNoOpKeyword(keyword, value)) implied.add(type);
  }
  if (typeof schema.format === 'string' && !isNoOpKeyword('format', schema.format)) implied.add('string');
  // Generating only the implied types is stricter than JSON Schema (`{"properties": …}` also accepts 5), so
  // whatever is generated is still valid, and the model is not offered strings where an object was meant.
  return implied.size > 0 ? [...implied] : [...ANY_TYPES];
}

/** Values of both type lists; an integer is a number. */
export function intersectTypes(first: readonly TypeName[], second: readonly TypeName[]): TypeName[] {
  const both = new Set<TypeName>();
  for (const type of first) {
    if (second.includes(type)) both.add(type);
    else if (type === 'number' && second.includes('integer')) both.add('integer');
    else if (type === 'integer' && second.includes('number')) both.add('integer');
  }
  return [...both];
}

/** The JSON type of a value, integers told apart from other numbers. */
export function typeOfValue(value: JsonValue): Exclude<TypeName, 'number'> | 'number' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isJsonObject(value)) return 'object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  return 'boolean';
}

export function valueHasType(value: JsonValue, types: readonly TypeName[]): boolean {
  const type = typeOfValue(value);
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}
