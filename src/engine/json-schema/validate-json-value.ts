import type { JsonObject, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import { isFormattedString } from './check-string-format.js';
import { childPointer, displayPointer } from './json-pointer.js';
import { jsonEqual } from './json-equal.js';
import { isTypeName, type TypeName } from './json-schema-keywords.js';
import { valueHasType } from './schema-types.js';

const DEF_PREFIX = '#/$defs/';

/**
 * Validates a value against a schema that passed prepareJsonSchema (the supported subset only). Returns
 * human-readable violations, each starting with the JSON pointer ("/age: must be an integer"), [] when valid.
 *
 * It reads each node as the grammar does (one kind per node: `$ref`, `oneOf`, `const`, `enum`, then `type`)
 * and gives two keywords the grammar's meaning, so a prepared schema means one thing everywhere:
 * - `additionalProperties` absent is false (JSON Schema says true; the grammar never generates other keys);
 * - `oneOf` passes when any alternative matches (prepared `oneOf`s are often translated `anyOf`s).
 * Where the grammar only generates more than the client asked for (every property whatever `required` says,
 * every prefix item), JSON Schema's meaning is kept, so a value the client's schema accepts is never refused.
 * Checks the grammar misses are made here: integers written as 1e-5, numbers whose exponent overflows, calendar
 * dates, string lengths in code points (the grammar counts an escaped surrogate pair as two).
 */
export function validateJsonValue(value: JsonValue, schema: JsonObject): string[] {
  const definitions = isJsonObject(schema.$defs) ? schema.$defs : {};
  return check(value, schema, '', definitions, 0);
}

/** Deeper than this through $ref is a loop in the schema, not in the value. */
const MAX_REF_HOPS = 64;

function check(value: JsonValue, schema: JsonValue, pointer: string, definitions: JsonObject, hops: number): string[] {
  const at = displayPointer(pointer);
  if (schema === true) return [];
  if (schema === false) return [`${at}: no value is allowed here`];
  if (!isJsonObject(schema)) return [];
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref.startsWith(DEF_PREFIX) ? definitions[schema.$ref.slice(DEF_PREFIX.length)] : undefined;
    if (target === undefined || hops >= MAX_REF_HOPS)
      return [`${at}: the schema's $ref ${schema.$ref} cannot be followed`];
    return check(value, target, pointer, definitions, hops + 1);
  }
  if (Array.isArray(schema.oneOf)) return checkAlternatives(value, schema.oneOf, pointer, definitions, hops);
  if (schema.const !== undefined)
    return jsonEqual(value, schema.const) ? [] : [`${at}: must be ${JSON.stringify(schema.const)}`];
  if (Array.isArray(schema.enum)) {
    return schema.enum.some((option) => jsonEqual(value, option))
      ? []
      : [`${at}: must be one of ${listValues(schema.enum)}`];
  }
  // The grammar allows 16-digit exponents, so a generated number can overflow to Infinity when parsed.
  if (typeof value === 'number' && !Number.isFinite(value)) return [`${at}: is too large for a JSON number`];
  const types = typeList(schema.type);
  if (types !== undefined && !valueHasType(value, types)) return [`${at}: must be ${describeTypes(types)}`];
  if (typeof value === 'string') return checkString(value, schema, at);
  if (Array.isArray(value)) return checkArray(value, schema, pointer, definitions);
  if (isJsonObject(value) && types?.includes('object') === true)
    return checkObject(value, schema, pointer, definitions);
  return [];
}

function checkAlternatives(
  value: JsonValue,
  alternatives: JsonValue[],
  pointer: string,
  definitions: JsonObject,
  hops: number,
): string[] {
  let closest: string[] | undefined;
  for (const alternative of alternatives) {
    const violations = check(value, alternative, pointer, definitions, hops);
    if (violations.length === 0) return [];
    if (closest === undefined || violations.length < closest.length) closest = violations;
  }
  return [`${displayPointer(pointer)}: must match one of the ${alternatives.length} alternatives`, ...(closest ?? [])];
}

function checkString(value: string, schema: JsonObject, at: string): string[] {
  const violations: string[] = [];
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    violations.push(`${at}: must be at least ${schema.minLength} characters long`);
  }
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    violations.push(`${at}: must be at most ${schema.maxLength} characters long`);
  }
  if (typeof schema.format === 'string' && !isFormattedString(value, schema.format)) {
    violations.push(`${at}: must be a ${schema.format} (RFC 3339)`);
  }
  return violations;
}

function checkArray(value: JsonValue[], schema: JsonObject, pointer: string, definitions: JsonObject): string[] {
  const at = displayPointer(pointer);
  const violations: string[] = [];
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    violations.push(`${at}: must have at least ${schema.minItems} items`);
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    violations.push(`${at}: must have at most ${schema.maxItems} items`);
  }
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  value.forEach((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : schema.items;
    if (itemSchema !== undefined)
      violations.push(...check(item, itemSchema, childPointer(pointer, index), definitions, 0));
  });
  return violations;
}

function checkObject(value: JsonObject, schema: JsonObject, pointer: string, definitions: JsonObject): string[] {
  const at = displayPointer(pointer);
  const violations: string[] = [];
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) {
    if (typeof name === 'string' && !Object.hasOwn(value, name))
      violations.push(`${at}: must have the property ${JSON.stringify(name)}`);
  }
  const count = Object.keys(value).length;
  if (typeof schema.minProperties === 'number' && count < schema.minProperties) {
    violations.push(`${at}: must have at least ${schema.minProperties} properties`);
  }
  if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) {
    violations.push(`${at}: must have at most ${schema.maxProperties} properties`);
  }
  // The grammar's default, not JSON Schema's: absent means no other keys.
  const additional = schema.additionalProperties ?? false;
  for (const [name, member] of Object.entries(value)) {
    const memberPointer = childPointer(pointer, name);
    const memberSchema = Object.hasOwn(properties, name) ? properties[name] : additional;
    if (memberSchema === false) violations.push(`${displayPointer(memberPointer)}: is not an allowed property`);
    else if (memberSchema !== undefined) violations.push(...check(member, memberSchema, memberPointer, definitions, 0));
  }
  return violations;
}

function typeList(type: JsonValue | undefined): TypeName[] | undefined {
  if (type === undefined) return undefined;
  const list = (Array.isArray(type) ? type : [type]).filter(isTypeName);
  return list.length > 0 ? list : undefined;
}

const TYPE_PHRASES: Record<TypeName, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
  object: 'an object',
  array: 'an array',
};

function describeTypes(types: readonly TypeName[]): string {
  const names = types.map((type) => TYPE_PHRASES[type]);
  return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

function listValues(values: readonly JsonValue[]): string {
  const shown = values.slice(0, 10).map((option) => JSON.stringify(option));
  return values.length > 10 ? `${shown.join(', ')}, …` : shown.join(', ');
}
