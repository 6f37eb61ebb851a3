import { isJsonObject } from '../../spec/index.js';
import type { JsonValue, ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/index.js';
import {
  childPath,
  describeKind,
  invalidParameter,
  itemPath,
  readBoolean,
  readObject,
  readString,
  requireString,
  unsupportedParameter,
} from '../validation/index.js';

/** `tools[{type:'function', function:{name, description, parameters, strict}}]`. */
export function parseOpenAiTools(value: JsonValue | undefined): ToolDefinition[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParameter('tools', `must be an array, got ${describeKind(value)}.`);
  return value.map((tool, index) => {
    const path = itemPath('tools', index);
    if (!isJsonObject(tool)) throw invalidParameter(path, `must be an object, got ${describeKind(tool)}.`);
    const type = requireString(tool, 'type', path);
    if (type !== 'function') {
      throw unsupportedParameter(childPath(path, 'type'), `is '${type}'; only 'function' tools are supported.`);
    }
    const functionPath = childPath(path, 'function');
    const definition = readObject(tool, 'function', path);
    if (definition === undefined) throw invalidParameter(functionPath, 'is required.');
    const parsed: ToolDefinition = { type: 'function', name: requireString(definition, 'name', functionPath) };
    const description = readString(definition, 'description', functionPath);
    const parameters = readObject(definition, 'parameters', functionPath);
    const strict = readBoolean(definition, 'strict', functionPath);
    if (description !== undefined) parsed.description = description;
    if (parameters !== undefined) parsed.parameters = parameters;
    if (strict !== undefined) parsed.strict = strict;
    return parsed;
  });
}

/** `tool_choice`: `none | auto | required | {type:'function', function:{name}}`. */
export function parseOpenAiToolChoice(value: JsonValue | undefined): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'none' || value === 'auto' || value === 'required') return value;
  if (isJsonObject(value)) {
    const type = requireString(value, 'type', 'tool_choice');
    if (type !== 'function') {
      throw unsupportedParameter('tool_choice.type', `is '${type}'; only 'function' is supported.`);
    }
    const target = readObject(value, 'function', 'tool_choice');
    if (target === undefined) throw invalidParameter('tool_choice.function', 'is required.');
    return { type: 'function', name: requireString(target, 'name', 'tool_choice.function') };
  }
  throw invalidParameter(
    'tool_choice',
    'must be \'none\', \'auto\', \'required\' or {"type":"function","function":{"name":…}}.',
  );
}

/** `response_format`: `text | json_object | json_schema{name, schema?, description?, strict?}`. */
export function parseOpenAiResponseFormat(value: JsonValue | undefined): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw invalidParameter('response_format', `must be an object, got ${describeKind(value)}.`);
  const type = requireString(value, 'type', 'response_format');
  switch (type) {
    case 'text':
    case 'json_object':
      return { type };
    case 'json_schema': {
      const schemaPath = 'response_format.json_schema';
      const definition = readObject(value, 'json_schema', 'response_format');
      if (definition === undefined) throw invalidParameter(schemaPath, 'is required.');
      const format: ResponseFormat = { type, name: requireString(definition, 'name', schemaPath) };
      const schema = readObject(definition, 'schema', schemaPath);
      const description = readString(definition, 'description', schemaPath);
      const strict = readBoolean(definition, 'strict', schemaPath);
      if (schema !== undefined) format.schema = schema;
      if (description !== undefined) format.description = description;
      if (strict !== undefined) format.strict = strict;
      return format;
    }
    default:
      throw invalidParameter(
        'response_format.type',
        `must be one of 'text', 'json_object', 'json_schema', got '${type}'.`,
      );
  }
}
