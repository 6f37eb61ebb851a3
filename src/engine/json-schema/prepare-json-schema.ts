import type { JsonObject, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import { checkRecursion } from './check-recursion.js';
import type { ConvertContext } from './convert-context.js';
import { convertSchema } from './convert-schema.js';
import { DefRegistry } from './def-registry.js';
import { SchemaProblems } from './schema-problems.js';

/**
 * Checks a client's JSON schema against what node-llama-cpp's grammar can enforce and returns the schema to give
 * `createGrammarForJsonSchema`: every node of one kind the grammar reads (`anyOf` becomes `oneOf`, type lists
 * with structure become `oneOf`, `{}` becomes "any value", `definitions` and other `$ref` targets move to the
 * root's `$defs`), with `description` kept and other annotations dropped.
 *
 * Throws GatewayError `invalid_request` for a malformed schema and `unsupported_parameter` naming every keyword
 * (with its JSON pointer) the grammar would silently ignore; `where` is the request parameter that holds it.
 */
export function prepareJsonSchema(schema: JsonObject, where: string): JsonObject {
  const problems = new SchemaProblems();
  const root: unknown = schema;
  if (!isJsonObject(root)) {
    problems.invalid('schema', '', 'must be an object');
    problems.throwIfAny(where);
  }
  const defs = new DefRegistry(schema, problems);
  const context: ConvertContext = {
    problems,
    defs,
    convert: (subschema: JsonValue, pointer: string, depth: number) =>
      convertSchema(subschema, pointer, context, depth),
  };
  const prepared = convertSchema(schema, '', context, 0);
  const definitions: Record<string, JsonObject> = {};
  for (let pending = defs.next(); pending !== undefined; pending = defs.next()) {
    definitions[pending.name] = convertSchema(pending.schema, pending.pointer, context, 0);
  }
  checkRecursion(definitions, defs.sites, problems);
  problems.throwIfAny(where);
  return Object.keys(definitions).length === 0 ? prepared : { ...prepared, $defs: definitions };
}
