import type { Kysely } from 'kysely';
import { SloMinuteRepository, type Tables } from '../../store/index.js';
import type { InvoiceService } from '../invoices/index.js';
import { monthStart, nextMonth } from '../invoices/invoice-month.js';
import { computeSlaReport, type SlaDeployment, type SlaDeploymentReport } from './compute-sla-report.js';
import type { SlaPolicy } from './sla-policy.js';
import type { SloTracker } from './slo-tracker.js';

export interface SlaReport {
  projectId: string;
  projectName: string | null;
  month: string;
  /** Unix ms: the month's first minute, and the end of the month (or now, while it runs). */
  from: number;
  to: number;
  downtimeErrorRatePercent: number;
  deployments: SlaDeploymentReport[];
  totalCreditMicroUsd: number;
}

export interface SlaReportsOptions {
  db: Kysely<Tables>;
  invoices: Pick<InvoiceService, 'get'>;
  policy: SlaPolicy;
  /** The project's deployments now (names and types). */
  deploymentsOf: (projectId: string) => SlaDeployment[];
  /** Adds the minutes this process has not written yet; absent: stored rollups only. */
  tracker?: Pick<SloTracker, 'unflushedCounts'>;
  now?: () => number;
}

export interface SlaReports {
  report(projectName: string, month: string): Promise<SlaReport>;
}

/** SLA reports per project and UTC month, from the per-minute rollups and the month's invoice. */
export function createSlaReports(options: SlaReportsOptions): SlaReports {
  const repository = new SloMinuteRepository(options.db);
  const now = options.now ?? Date.now;
  return {
    async report(projectName, month) {
      // The invoice names the project (a 404 when there is none) and holds each deployment's amount.
      const invoice = await options.invoices.get(projectName, month);
      const from = monthStart(month);
      const end = monthStart(nextMonth(month));
      const minutes = [
        ...(await repository.countsByMinute(invoice.projectId, from, end)),
        ...(options.tracker?.unflushedCounts(invoice.projectId, from, end) ?? []),
      ];
      const invoiceAmounts = new Map<string, number>();
      for (const line of invoice.lines) {
        if (line.kind !== 'usage' || line.usageMonth !== month) continue;
        invoiceAmounts.set(line.deploymentId, (invoiceAmounts.get(line.deploymentId) ?? 0) + line.amountMicroUsd);
      }
      const deployments = computeSlaReport({
        month,
        policy: options.policy,
        deployments: options.deploymentsOf(invoice.projectId),
        minutes,
        invoiceAmounts,
      });
      return {
        projectId: invoice.projectId,
        projectName: invoice.projectName,
        month,
        from,
        to: Math.min(end, now()),
        downtimeErrorRatePercent: options.policy.downtimeErrorRatePercent,
        deployments,
        totalCreditMicroUsd: deployments.reduce((sum, deployment) => sum + deployment.creditMicroUsd, 0),
      };
    },
  };
}
