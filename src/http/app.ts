import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from '../telemetry/index.js';
import { registerJsonBodyParser } from './body-parser.js';
import { registerErrorHandling } from './error-handler.js';
import './fastify-augmentation.js';
import type { InferenceServices } from './inference/inference-services.js';
import { registerInferenceRoutes } from './inference/inference-routes.js';
import { registerPortalRoutes } from './portal-routes.js';

export interface AppOptions extends InferenceServices {
  logger: Logger;
  bodyLimitBytes: number;
  /** The built portal; absent: dist/portal of this package. */
  portalDirectory?: string;
}

/** The Fastify app with the inference routes; the admin API is added by the caller (see server.ts). */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger,
    // One log line per request costs more than the rest of the gateway's work; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // A child logger per request costs more than it gives; the few request logs name the request id.
    childLoggerFactory: (logger) => logger,
    bodyLimit: options.bodyLimitBytes,
    genReqId: () => `req_${randomUUID().replaceAll('-', '')}`,
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;

  app.decorateRequest('caller', null);
  app.decorateRequest('serviceLevel', null);
  app.decorateRequest('inferenceTelemetry', null);
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  registerJsonBodyParser(app);
  registerErrorHandling(app, options.bodyLimitBytes);
  registerInferenceRoutes(app, options);
  // For load balancers and orchestrators: answers once the server listens, without a key.
  app.get('/healthz', () => ({ status: 'ok' }));
  // The web portal (portal/, built into dist/portal); its APIs are the admin and inference routes above.
  registerPortalRoutes(app, options.portalDirectory);
  return app;
}
