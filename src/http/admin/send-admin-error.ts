import type { FastifyError, FastifyReply } from 'fastify';
import { GatewayError, toGatewayError } from '../../spec/index.js';

/**
 * Admin errors use the OpenAI envelope whatever the client: the admin API is Hangar's own, and the CLI
 * and portal read `error.message`.
 */
export function sendAdminError(reply: FastifyReply, error: unknown): FastifyReply {
  const gatewayError = toAdminError(error);
  if (gatewayError.status >= 500) {
    reply.log.error({ requestId: reply.request.id, err: gatewayError.cause ?? gatewayError }, gatewayError.message);
  }
  return reply.code(gatewayError.status).send({ error: adminErrorObject(gatewayError) });
}

/** The `error` object of the envelope; a streamed admin answer ends with one when it fails midway. */
export function adminErrorObject(error: GatewayError) {
  return {
    message: error.message,
    type: error.status >= 500 ? 'server_error' : 'invalid_request_error',
    param: error.param ?? null,
    code: error.code,
  };
}

function toAdminError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new GatewayError('request_too_large', 'The request body is too large.');
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new GatewayError('invalid_request', fastifyError.message ?? 'The request is invalid.');
  }
  return toGatewayError(error);
}
