import { GatewayError } from '../../spec/index.js';

/** A query string as Fastify parses it: a name given twice becomes an array. */
export type AdminQuery = Record<string, string | string[] | undefined>;

/** The value of a query parameter that may be given once; twice is a 400 naming it. */
export function singleQueryValue(query: AdminQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    throw new GatewayError('invalid_request', `Give ${name} once; it was given ${value.length} times.`, {
      param: name,
    });
  }
  return value;
}
