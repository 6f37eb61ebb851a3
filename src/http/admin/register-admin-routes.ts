import type { FastifyInstance } from 'fastify';
import type { ControlPlane } from '../../control/index.js';
import { GatewayError } from '../../spec/index.js';
import { createAdminKeyCheck } from './admin-key-check.js';
import { registerConnectionRoutes } from './connection-routes.js';
import type { Catalog } from '../../catalog/index.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { registerDeploymentRoutes } from './deployment-routes.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { PACKAGE_VERSION } from './package-version.js';
import { registerQuotaRoutes } from './quota-routes.js';
import { registerEngineRoutes } from './engine-routes.js';
import type { LocalEngine } from '../local-engine/index.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerProjectRoutes } from './project-routes.js';
import { sendAdminError } from './send-admin-error.js';

export interface AdminRoutesOptions {
  control: ControlPlane;
  /** Absent in tests that exercise the control plane alone. */
  engine?: LocalEngine;
  /** The model catalog, with the engine's local models added to it. */
  catalog?: Catalog;
  /** The operator's key; see resolveAdminKey. */
  adminKey: string;
}

/**
 * The admin API under /admin, in its own Fastify scope: its own key check, error envelope and 404, so
 * nothing here depends on how the inference routes authenticate or render errors.
 */
export function registerAdminRoutes(app: FastifyInstance, options: AdminRoutesOptions): void {
  const isAdmin = createAdminKeyCheck(options.adminKey);
  // The description of the admin API is public, like any API reference; using the API needs the key.
  const document = buildOpenApiDocument(PACKAGE_VERSION);
  app.get('/openapi.json', () => document);
  void app.register(
    (admin, _pluginOptions, done) => {
      admin.setErrorHandler((error, _request, reply) => sendAdminError(reply, error));
      admin.setNotFoundHandler((request, reply) =>
        sendAdminError(
          reply,
          new GatewayError(
            'not_found',
            `There is no admin route for ${request.method} ${request.url.split('?')[0] ?? ''}.`,
          ),
        ),
      );
      admin.addHook('onRequest', (request, reply, next) => {
        if (isAdmin(request)) {
          next();
          return;
        }
        void reply.code(401).send({
          error: {
            message:
              'Send the admin key as "Authorization: Bearer <key>" or "api-key: <key>" (HANGAR_ADMIN_KEY, or data/admin.key).',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        });
      });
      registerConnectionRoutes(admin, options.control);
      registerProjectRoutes(admin, options.control);
      registerKeyRoutes(admin, options.control);
      registerDeploymentRoutes(admin, options.control);
      registerQuotaRoutes(admin, options.control);
      if (options.engine !== undefined) registerEngineRoutes(admin, options.engine);
      if (options.catalog !== undefined) {
        const engine = options.engine;
        registerCatalogRoutes(admin, {
          catalog: options.catalog,
          localModels: () => engine?.store.list() ?? Promise.resolve([]),
        });
      }
      done();
    },
    { prefix: '/admin' },
  );
}
