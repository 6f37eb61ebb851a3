import type { JsonObject } from '../../spec/index.js';

/**
 * Any JSON value. The grammar has no keyword for it (`{}` generates only `null`), but an object with
 * `additionalProperties: true` and an array without `items` are generated as any JSON inside.
 */
export function anyValueSchema(): JsonObject {
  return {
    oneOf: [
      { type: ['string', 'number', 'boolean', 'null'] },
      { type: 'object', additionalProperties: true },
      { type: 'array' },
    ],
  };
}
