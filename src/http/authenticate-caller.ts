import type { FastifyRequest } from 'fastify';
import type { AuthenticatedCaller, Registry } from '../control/registry-types.js';
import { GatewayError } from '../spec/index.js';

/**
 * Finds the caller's key wherever its SDK puts it: `api-key` (Azure), `Authorization: Bearer` (OpenAI;
 * the Azure AI Inference SDK sends both with the same value) or `x-api-key` (Anthropic). Each candidate
 * is tried, so a stale Bearer beside a good api-key still works.
 */
export function authenticateCaller(request: FastifyRequest, registry: Registry): AuthenticatedCaller {
  const headers = request.headers;
  const candidates: string[] = [];
  const apiKey = headers['api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') candidates.push(apiKey);
  const authorization = headers.authorization;
  if (
    typeof authorization === 'string' &&
    authorization.length > 7 &&
    authorization.slice(0, 7).toLowerCase() === 'bearer '
  ) {
    candidates.push(authorization.slice(7).trim());
  }
  const anthropicKey = headers['x-api-key'];
  if (typeof anthropicKey === 'string' && anthropicKey !== '') candidates.push(anthropicKey);

  if (candidates.length === 0) {
    throw new GatewayError(
      'invalid_api_key',
      'No API key was sent. Send it as "Authorization: Bearer <key>", "api-key: <key>" or "x-api-key: <key>".',
    );
  }
  let expired: AuthenticatedCaller | undefined;
  const now = Date.now();
  for (const candidate of candidates) {
    const caller = registry.authenticate(candidate);
    if (caller === undefined) continue;
    if (caller.expiresAt !== null && caller.expiresAt <= now) {
      expired = caller;
      continue;
    }
    registry.markUsed(caller.keyId);
    return caller;
  }
  if (expired !== undefined) {
    throw new GatewayError(
      'invalid_api_key',
      `The API key '${expired.keyName}' expired at ${new Date(expired.expiresAt ?? 0).toISOString()}; ask for a new one.`,
    );
  }
  throw new GatewayError('invalid_api_key', 'The API key is not valid, or it has been revoked.');
}
