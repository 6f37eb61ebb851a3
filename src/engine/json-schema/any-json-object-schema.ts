import type { JsonObject } from '../../spec/index.js';

/** `response_format: {"type": "json_object"}`: any object (the grammar's default would allow only `{}`). */
export const ANY_JSON_OBJECT_SCHEMA: JsonObject = Object.freeze({ type: 'object', additionalProperties: true });
