import type { AdminAccess } from './admin-access.js';

/** Building blocks of the hand-written OpenAPI document, shared by the files that describe parts of it. */
export type Schema = Record<string, unknown>;

export const name = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' };
export const text = { type: 'string' };
export const nullableText = { type: ['string', 'null'] };
export const time = { type: 'string', format: 'date-time' };
export const nullableTime = { type: ['string', 'null'], format: 'date-time' };
export const ref = (schema: string) => ({ $ref: `#/components/schemas/${schema}` });
export const list = (schema: string) => ({
  type: 'object',
  required: ['object', 'data'],
  properties: { object: { const: 'list' }, data: { type: 'array', items: ref(schema) } },
});

export interface Operation {
  summary: string;
  /** Who may call it; enforced by the admin hook from this very table. */
  access: AdminAccess;
  body?: string;
  /** Status → schema name (or null for a body-less answer). */
  responses: Record<string, string>;
  query?: string[];
  /** Media types the success answer also comes in (chosen with `format=`), documented as text. */
  textMediaTypes?: readonly string[];
}

/** Path (OpenAPI spelling) → method → operation. */
export type Operations = Record<string, Record<string, Operation>>;
