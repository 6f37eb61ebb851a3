import type { z } from 'zod';
import { describeZodIssue, formatPath } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';

/** Names appear in URLs and CLI arguments, as elsewhere in Hangar (the config layer's NAME_PATTERN). */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const NAME_RULE = 'must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit';

/** Checks an admin API body against its schema; the first mistake is a 400 naming the field as the client wrote it. */
export function parseWire<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  const result = schema.safeParse(body, { error: (issue) => describeZodIssue(issue) });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined ? '' : formatPath(issue.path);
  throw new GatewayError('invalid_request', `${field || 'The request'} ${issue?.message ?? 'is invalid'}.`, {
    ...(field === '' ? {} : { param: field }),
  });
}
