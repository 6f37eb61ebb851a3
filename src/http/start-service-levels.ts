import type { HangarConfig } from '../config/index.js';
import type { Registry } from '../control/registry-types.js';
import {
  createSlaReports,
  createSloTracker,
  SLO_WINDOWS,
  type InvoiceService,
  type SlaPolicy,
  type SlaReport,
  type SloTracker,
  type SloView,
  type SloWindow,
} from '../metering/index.js';
import { GatewayError } from '../spec/index.js';
import { ProjectRepository, type HangarDatabase } from '../store/index.js';
import type { Logger } from '../telemetry/index.js';

export interface StartServiceLevelsOptions {
  config: Pick<HangarConfig, 'sla'>;
  database: HangarDatabase;
  registry: Pick<Registry, 'resolveDeployment' | 'listDeployments'>;
  invoices: Pick<InvoiceService, 'get'>;
  logger: Pick<Logger, 'error'>;
}

/** A deployment's rolling service level, named as the admin API names it. */
export interface DeploymentSlo extends SloView {
  projectName: string;
  deploymentName: string;
  deploymentId: string;
  deploymentType: string;
}

/** What the admin API reads: rolling SLO views and monthly SLA reports. */
export interface ServiceLevelAdmin {
  slo(projectName: string, deploymentName: string, window: string | undefined): Promise<DeploymentSlo>;
  sla(projectName: string, month: string): Promise<SlaReport>;
}

export interface RunningServiceLevels {
  /** Counts each finished inference request (memory only); rollups are written every few seconds and at close. */
  tracker: SloTracker;
  admin: ServiceLevelAdmin;
  close(): Promise<void>;
}

export function slaPolicyOf(config: Pick<HangarConfig, 'sla'>): SlaPolicy {
  return {
    defaultTargetPercent: config.sla.defaultTargetPercent,
    targetsByType: config.sla.targetsByType,
    downtimeErrorRatePercent: config.sla.downtimeErrorRatePercent,
    creditLadder: config.sla.creditLadder,
  };
}

/** Service levels for the server: the per-minute tracker on the request path, and the reports the admin API serves. */
export function startServiceLevels(options: StartServiceLevelsOptions): RunningServiceLevels {
  const { database, registry } = options;
  const tracker = createSloTracker({
    db: database.db,
    onError: (message, error) => options.logger.error({ err: error }, message),
  });
  const reports = createSlaReports({
    db: database.db,
    invoices: options.invoices,
    policy: slaPolicyOf(options.config),
    deploymentsOf: (projectId) =>
      registry.listDeployments(projectId).map((deployment) => ({
        id: deployment.id,
        name: deployment.name,
        type: deployment.type,
      })),
    tracker,
  });
  const projects = new ProjectRepository(database.db);

  return {
    tracker,
    admin: {
      async slo(projectName, deploymentName, window = '1h') {
        if (!Object.hasOwn(SLO_WINDOWS, window)) {
          throw new GatewayError('invalid_request', `window must be 1h, 24h or 30d, not '${window}'.`, {
            param: 'window',
          });
        }
        const project = await projects.findByName(projectName);
        if (project === undefined) {
          throw new GatewayError('not_found', `Project '${projectName}' does not exist; check the name.`, {
            param: 'project',
          });
        }
        const deployment = registry.resolveDeployment(project.id, deploymentName);
        if (deployment === undefined) {
          throw new GatewayError(
            'not_found',
            `Project '${projectName}' has no deployment '${deploymentName}'; list them with GET /admin/projects/${projectName}/deployments.`,
            { param: 'name' },
          );
        }
        const view = await tracker.view(deployment.id, window as SloWindow);
        return {
          ...view,
          projectName: project.name,
          deploymentName: deployment.name,
          deploymentId: deployment.id,
          deploymentType: deployment.type,
        };
      },
      sla: (projectName, month) => reports.report(projectName, month),
    },
    close: () => tracker.close(),
  };
}
