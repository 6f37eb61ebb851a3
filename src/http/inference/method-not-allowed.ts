import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { DialectId } from '../../dialects/index.js';
import { GatewayError } from '../../spec/index.js';

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A known path called with the wrong method answers 405 with an `allow` header, not 404: the path is
 * right, and the fix is the method.
 */
export function refuseOtherMethods(
  app: FastifyInstance,
  url: string,
  dialect: DialectId,
  allowed: 'GET' | 'POST',
): void {
  app.route({
    method: METHODS.filter((method) => method !== allowed),
    url,
    config: { dialect },
    handler: (request, reply) => {
      void reply.header('allow', allowed);
      throw new GatewayError('method_not_allowed', `${request.method} is not allowed on ${url}; use ${allowed}.`);
    },
  });
}
