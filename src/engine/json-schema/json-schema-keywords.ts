/**
 * What node-llama-cpp 3.22's JSON-schema grammar (dist/utils/gbnfJson/) reads, and what it silently ignores.
 * Verified against getGbnfJsonTerminalForGbnfJsonSchema.js and the terminal builders, not only types.d.ts:
 * - each schema node is ONE kind, chosen in this order: `$ref`, `oneOf`, `const`, `enum`, `type: "object"`,
 *   `type: "array"`, `type: "string"` (with or without `format`), then `type` as a list of scalar types.
 *   Keywords of the other kinds beside the chosen one are ignored;
 * - a node with none of these (`{}`, `true`, `{"type": ["object", "null"]}`) generates only `null`;
 *   `anyOf` is not read at all, so `{"anyOf": …}` generates only `null`;
 * - `required` is ignored: every key of `properties` is always generated;
 * - `additionalProperties` absent means false (JSON Schema says true);
 * - `minProperties`/`maxProperties` count only with `additionalProperties`; `maxProperties` below the number
 *   of properties and `maxItems` below the number of `prefixItems` are raised silently;
 * - `minLength`/`maxLength` are read only when `type` is exactly "string" and there is no `format`;
 * - `format` is read for date, time and date-time (other values generate an empty string);
 * - `const`/`enum` take scalars only (an object or array throws); `oneOf` behaves as anyOf;
 * - `$ref` takes only `#/$defs/<name>`, looked up by name in the enclosing `$defs` (others become "any JSON");
 * - numbers allow 16-digit exponents, so an integer may be written `1e-5` and any number may overflow to
 *   Infinity; byte-fallback tokens can form invalid UTF-8 that decodes to several U+FFFD, exceeding maxLength.
 *   The validator catches all three.
 */

export const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

export function isTypeName(value: unknown): value is TypeName {
  return typeof value === 'string' && (TYPE_NAMES as readonly string[]).includes(value);
}

/** "Any JSON value": integer is left out because number covers it. */
export const ANY_TYPES: readonly TypeName[] = ['string', 'number', 'boolean', 'null', 'object', 'array'];

/** The formats the grammar generates, with the lengths their strings can have (for minLength/maxLength beside them). */
export const SUPPORTED_FORMATS: ReadonlyMap<string, { minLength: number; maxLength: number }> = new Map([
  ['date', { minLength: 10, maxLength: 10 }],
  ['time', { minLength: 9, maxLength: 18 }],
  ['date-time', { minLength: 20, maxLength: 29 }],
]);

/**
 * Formats JSON Schema 2020-12 defines for strings. The grammar cannot generate them, so they are refused.
 * Any other value (OpenAPI's int32, double, byte, password…) is an annotation: JSON Schema requires validators
 * to ignore unknown formats, so it is dropped like a title.
 */
export const STANDARD_STRING_FORMATS: ReadonlySet<string> = new Set([
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]);

/**
 * Validation keywords the grammar ignores, with the instance type they constrain ('any': every type). A keyword
 * is refused only when the schema can produce that type: `minimum` on a string schema constrains nothing.
 */
export const UNSUPPORTED_KEYWORDS: ReadonlyMap<string, TypeName | 'any'> = new Map<string, TypeName | 'any'>([
  ['pattern', 'string'],
  ['minimum', 'number'],
  ['maximum', 'number'],
  ['exclusiveMinimum', 'number'],
  ['exclusiveMaximum', 'number'],
  ['multipleOf', 'number'],
  ['patternProperties', 'object'],
  ['propertyNames', 'object'],
  ['dependentRequired', 'object'],
  ['dependentSchemas', 'object'],
  ['dependencies', 'object'],
  ['unevaluatedProperties', 'object'],
  ['contains', 'array'],
  ['uniqueItems', 'array'],
  ['unevaluatedItems', 'array'],
  ['allOf', 'any'],
  ['not', 'any'],
  ['if', 'any'],
  ['$dynamicRef', 'any'],
  ['$recursiveRef', 'any'],
]);

/** Keywords the grammar reads (prepareJsonSchema translates the rest of what it accepts into these). */
export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  '$ref',
  'oneOf',
  'anyOf',
  'const',
  'enum',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'format',
]);

/** Keywords that imply a type when `type` is absent; the schema is then generated as that type only. */
export const TYPE_OF_KEYWORD: ReadonlyMap<string, TypeName> = new Map<string, TypeName>([
  ['properties', 'object'],
  ['additionalProperties', 'object'],
  ['required', 'object'],
  ['minProperties', 'object'],
  ['maxProperties', 'object'],
  ['items', 'array'],
  ['prefixItems', 'array'],
  ['minItems', 'array'],
  ['maxItems', 'array'],
  ['minLength', 'string'],
  ['maxLength', 'string'],
  ...[...UNSUPPORTED_KEYWORDS].filter((entry): entry is [string, TypeName] => entry[1] !== 'any'),
]);

/** True for a keyword whose value constrains nothing (draft-04 boolean exclusive bounds, `uniqueItems: false`). */
export function isNoOpKeyword(keyword: string, value: unknown): boolean {
  if (keyword === 'uniqueItems') return value === false;
  if (keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') return typeof value === 'boolean';
  if (keyword === 'format') return typeof value === 'string' && !isKnownFormat(value);
  return false;
}

export function isKnownFormat(format: string): boolean {
  return SUPPORTED_FORMATS.has(format) || STANDARD_STRING_FORMATS.has(format);
}

/** Whether a keyword of the given applicability matters for a schema that can produce `types`. */
export function appliesToTypes(applies: TypeName | 'any', types: readonly TypeName[]): boolean {
  if (applies === 'any') return true;
  if (applies === 'number') return types.includes('number') || types.includes('integer');
  return types.includes(applies);
}
