import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, toGatewayError } from '../spec/index.js';
import { dialectForRequest } from './dialect-for-request.js';

/** The one place errors become responses, in the envelope of the route's dialect. */
export function registerErrorHandling(app: FastifyInstance, bodyLimitBytes: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    sendError(request, reply, fromFastify(error, bodyLimitBytes)),
  );
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new GatewayError('not_found', `There is no route for ${request.method} ${request.url.split('?')[0] ?? ''}.`),
    ),
  );
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: GatewayError): FastifyReply {
  // The final answer of an inference request that named a deployment: it counts for that deployment's service level.
  request.serviceLevel?.settleError(error);
  if (error.status >= 500)
    request.log.warn(
      { requestId: request.id, err: error, upstream: error.upstream, cause: error.cause },
      error.message,
    );
  else request.log.debug({ requestId: request.id, code: error.code }, error.message);
  const rendered = dialectForRequest(request).renderError(error, request.id);
  return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
}

function fromFastify(error: FastifyError, bodyLimitBytes: number): GatewayError {
  if (error instanceof GatewayError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError(
        'request_too_large',
        `The request body is larger than the ${bodyLimitBytes}-byte limit; send less, or ask the operator to raise server.body_limit_bytes.`,
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError('invalid_request', 'The Content-Length header does not match the body.');
    default:
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return new GatewayError('invalid_request', error.message);
      }
      return toGatewayError(error);
  }
}
