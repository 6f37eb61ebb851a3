import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Builds the admin key check. Both sides are hashed first so timingSafeEqual compares equal lengths and
 * the time taken says nothing about the key.
 */
export function createAdminKeyCheck(adminKey: string): (request: FastifyRequest) => boolean {
  if (adminKey === '') throw new Error('The admin key must not be empty.');
  const expected = sha256(adminKey);
  return (request) => {
    const presented = presentedKey(request);
    return presented !== undefined && timingSafeEqual(sha256(presented), expected);
  };
}

/** `Authorization: Bearer <key>` (OpenAI style) or `api-key: <key>` (Azure style). */
export function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match?.[1] !== undefined) return match[1];
  }
  const apiKey = request.headers['api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey : undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
