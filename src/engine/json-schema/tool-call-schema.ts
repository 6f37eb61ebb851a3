import type { JsonObject, JsonValue } from '../../spec/index.js';
import { GatewayError, isJsonObject } from '../../spec/index.js';

const DEF_PREFIX = '#/$defs/';

/** What a tool takes when it declares no parameters. */
const NO_PARAMETERS: JsonObject = { type: 'object', properties: {} };

/**
 * The schema a forced tool call must match: `{"name": <const tool name>, "arguments": <its parameters>}`, the
 * name first so the model commits to a tool before writing arguments; with several tools (tool_choice
 * "required"), `oneOf` over them. Parameters must already have been through prepareJsonSchema.
 *
 * Each tool's `$defs` move to the combined root (renamed where two tools use one name), because a `$ref` means
 * `#/$defs/…` of the document root: nested `$defs` work in the grammar, which looks names up by scope, but not
 * in JSON Schema or in validateJsonValue.
 */
export function toolCallSchema(tools: readonly { name: string; parameters?: JsonObject }[]): JsonObject {
  if (tools.length === 0) {
    throw new GatewayError('invalid_request', 'A tool call can only be required when at least one tool is given.', {
      param: 'tools',
    });
  }
  const definitions: Record<string, JsonValue> = {};
  const alternatives = tools.map((tool): JsonObject => {
    const { $defs, ...parameters } = tool.parameters ?? NO_PARAMETERS;
    const renames = new Map<string, string>();
    if (isJsonObject($defs)) {
      const ownNames = Object.keys($defs);
      for (const name of ownNames) {
        let unique = name;
        const isTaken = (candidate: string): boolean =>
          Object.hasOwn(definitions, candidate) || (candidate !== name && ownNames.includes(candidate));
        for (let suffix = 2; isTaken(unique); suffix++) unique = `${name}_${suffix}`;
        if (unique !== name) renames.set(name, unique);
        definitions[unique] = null; // reserved until every name of this tool is chosen
      }
      for (const [name, definition] of Object.entries($defs)) {
        definitions[renames.get(name) ?? name] = renameRefs(definition, renames);
      }
    }
    return {
      type: 'object',
      properties: { name: { const: tool.name }, arguments: renameRefs(parameters, renames) },
      required: ['name', 'arguments'],
    };
  });
  const schema: JsonObject = alternatives.length === 1 ? (alternatives[0] ?? {}) : { oneOf: alternatives };
  return Object.keys(definitions).length === 0 ? schema : { ...schema, $defs: definitions };
}

/**
 * Rewrites `$ref`s to renamed definitions. A prepared schema holds a string under a `$ref` key only as a
 * reference: literals are scalars under `const`/`enum`, and a property named "$ref" holds a schema object.
 */
function renameRefs(schema: JsonValue, renames: ReadonlyMap<string, string>): JsonValue {
  if (renames.size === 0) return schema;
  if (Array.isArray(schema)) return schema.map((item) => renameRefs(item, renames));
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(DEF_PREFIX)) {
      const name = value.slice(DEF_PREFIX.length);
      out[key] = `${DEF_PREFIX}${renames.get(name) ?? name}`;
    } else {
      out[key] = renameRefs(value, renames);
    }
  }
  return out;
}
