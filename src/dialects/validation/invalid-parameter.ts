import { GatewayError, isJsonObject } from '../../spec/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';

/** A 400 that names the parameter path as the client wrote it: `'messages[2].content' must be a string`. */
export function invalidParameter(path: string, problem: string): GatewayError {
  return new GatewayError('invalid_request', `'${path}' ${problem}`, { param: path });
}

/** A 400 for a value the wire format allows but Hangar cannot carry. */
export function unsupportedParameter(path: string, problem: string): GatewayError {
  return new GatewayError('unsupported_parameter', `'${path}' ${problem}`, { param: path });
}

export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function itemPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** The top-level body must be an object; anything else cannot carry named parameters. */
export function requireBodyObject(body: JsonValue): JsonObject {
  if (!isJsonObject(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  return body;
}

/** Describes a JSON value's kind for error messages: "got an array". */
export function describeKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
