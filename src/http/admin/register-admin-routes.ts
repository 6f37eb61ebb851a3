import type { FastifyInstance } from 'fastify';
import { RoutingState } from '../../routing/index.js';
import { registerDeploymentHealthRoutes } from './deployment-health-routes.js';
import type { ControlPlane } from '../../control/index.js';
import { GatewayError } from '../../spec/index.js';
import { authorize } from './admin-access.js';
import { createAdminAuthenticator } from './authenticate-admin.js';
import { registerMemberRoutes } from './member-routes.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerConnectionRoutes } from './connection-routes.js';
import type { Catalog } from '../../catalog/index.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { registerDeploymentRoutes } from './deployment-routes.js';
import { ADMIN_OPERATIONS, buildOpenApiDocument } from './openapi-document.js';
import { PACKAGE_VERSION } from './package-version.js';
import { registerQuotaRoutes } from './quota-routes.js';
import { registerEngineRoutes } from './engine-routes.js';
import type { LocalEngine } from '../local-engine/index.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerUsageRoutes } from './usage-routes.js';
import type { BudgetAdmin, UsageReports } from '../../metering/index.js';
import { registerBudgetRoutes } from './budget-routes.js';
import { registerBillingRoutes, type BillingServices } from './billing-routes.js';
import { registerProjectRoutes } from './project-routes.js';
import { sendAdminError } from './send-admin-error.js';
import { registerSloRoutes } from './slo-routes.js';
import type { ServiceLevelAdmin } from '../start-service-levels.js';
import type { SafetyService } from '../../safety/index.js';
import { registerSafetyRoutes } from './safety-routes.js';

export interface AdminRoutesOptions {
  control: ControlPlane;
  /** Absent in tests that exercise the control plane alone. */
  engine?: LocalEngine;
  /** The model catalog, with the engine's local models added to it. */
  catalog?: Catalog;
  /** The operator's key, which acts as a platform admin; see resolveAdminKey. */
  adminKey: string;
  /** Usage reports from the ledger; absent in tests that exercise the control plane alone. */
  usage?: UsageReports;
  /** Budgets of projects and keys; absent in tests that exercise the control plane alone. */
  budgets?: BudgetAdmin;
  /** Price overrides and invoices; absent in tests that exercise the control plane alone. */
  billing?: BillingServices;
  /** SLO views and SLA reports; absent in tests that exercise the control plane alone. */
  serviceLevels?: ServiceLevelAdmin;
  /** This replica's breakers and latencies, for the deployment health view; absent: every backend shows closed. */
  routing?: RoutingState;
  /**
   * Content-filter policies and blocklists; absent in tests that exercise the control plane alone (deployments'
   * content_filter is then not checked against the policies).
   */
  safety?: SafetyService;
}

/**
 * The admin API under /admin, in its own Fastify scope: its own key check, error envelope and 404, so
 * nothing here depends on how the inference routes authenticate or render errors.
 */
/** `/admin/projects/:project/keys` → `/admin/projects/{project}/keys` */
export function toOpenApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

export function registerAdminRoutes(app: FastifyInstance, options: AdminRoutesOptions): void {
  const authenticate = createAdminAuthenticator(options.control, options.adminKey);
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
      admin.decorateRequest('principal', null);
      // Every admin route is in ADMIN_OPERATIONS with who may call it; a route missing there is refused to
      // all (fail closed), and the OpenAPI test fails on it.
      admin.addHook('onRequest', async (request) => {
        const url = request.routeOptions.url;
        if (url === undefined) return; // No such route: the not-found handler answers.
        const method = request.method === 'HEAD' ? 'get' : request.method.toLowerCase();
        const operation = ADMIN_OPERATIONS[toOpenApiPath(url)]?.[method];
        if (operation === undefined) {
          throw new GatewayError(
            'permission_denied',
            `${request.method} ${url} declares no access rule, so no one may call it.`,
          );
        }
        if (operation.access === 'public') return;
        const principal = await authenticate(request);
        request.principal = principal;
        const params = request.params as Record<string, string | undefined>;
        authorize(operation.access, principal, params.project);
      });
      registerSessionRoutes(admin, options.control);
      registerUserRoutes(admin, options.control);
      registerMemberRoutes(admin, options.control);
      registerConnectionRoutes(admin, options.control);
      registerProjectRoutes(admin, options.control);
      registerKeyRoutes(admin, options.control);
      registerDeploymentRoutes(admin, options.control, options.safety);
      registerQuotaRoutes(admin, options.control);
      if (options.engine !== undefined) registerEngineRoutes(admin, options.engine);
      if (options.usage !== undefined) registerUsageRoutes(admin, options.usage);
      if (options.budgets !== undefined) registerBudgetRoutes(admin, options.budgets);
      if (options.billing !== undefined) registerBillingRoutes(admin, options.billing);
      if (options.serviceLevels !== undefined) registerSloRoutes(admin, options.serviceLevels);
      if (options.safety !== undefined) registerSafetyRoutes(admin, options.safety);
      registerDeploymentHealthRoutes(admin, options.control, options.routing ?? new RoutingState());
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
