import { GatewayError } from '../../spec/index.js';

/** The body as an object to merge path parameters into; the control plane validates the fields. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
