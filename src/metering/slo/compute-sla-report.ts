import type { SloMinuteCounts } from '../../store/index.js';
import { creditPercentFor, targetPercentFor, type SlaPolicy } from './sla-policy.js';

export interface SlaDeployment {
  id: string;
  /** Null when the deployment was removed since (its service level stays on record). */
  name: string | null;
  type: string;
}

export interface SlaDeploymentReport {
  deploymentId: string;
  deploymentName: string | null;
  deploymentType: string;
  targetPercent: number;
  eligible: number;
  succeeded: number;
  /** succeeded / eligible × 100 over the month; null when no request was eligible. */
  availabilityPercent: number | null;
  /** False only when availability is below the target. */
  met: boolean;
  downtimeMinutes: number;
  /** Minutes with at least one eligible request. */
  activeMinutes: number;
  creditPercent: number;
  /** The deployment's usage amount on the month's invoice, micro-dollars. */
  invoiceAmountMicroUsd: number;
  /** invoice amount × credit percent / 100, rounded half up. */
  creditMicroUsd: number;
}

export interface SlaReportInput {
  month: string;
  policy: SlaPolicy;
  /** Deployments of the project now; those with minutes but not listed here show as removed. */
  deployments: readonly SlaDeployment[];
  /** The month's minutes, one or more entries per deployment and minute (they are summed). */
  minutes: readonly SloMinuteCounts[];
  /** Deployment id → its usage amount on the month's invoice. */
  invoiceAmounts: ReadonlyMap<string, number>;
}

/**
 * The SLA arithmetic, kept apart from the database so a test can check it against a case computed by hand.
 * Availability is request-based (Azure AI services' "Uptime Percentage": successful over eligible transactions);
 * downtime minutes are the minutes whose error rate exceeds the policy's threshold.
 */
export function computeSlaReport(input: SlaReportInput): SlaDeploymentReport[] {
  const perDeployment = new Map<
    string,
    { type: string; perMinute: Map<number, { eligible: number; succeeded: number }> }
  >();
  for (const counts of input.minutes) {
    let deployment = perDeployment.get(counts.deploymentId);
    if (deployment === undefined) {
      deployment = { type: counts.deploymentType, perMinute: new Map() };
      perDeployment.set(counts.deploymentId, deployment);
    }
    const minute = deployment.perMinute.get(counts.minute) ?? { eligible: 0, succeeded: 0 };
    minute.eligible += counts.eligible;
    minute.succeeded += counts.succeeded;
    deployment.perMinute.set(counts.minute, minute);
  }
  const known = new Map(input.deployments.map((deployment) => [deployment.id, deployment]));
  const ids = [...new Set([...known.keys(), ...perDeployment.keys()])];
  const reports = ids.map((id): SlaDeploymentReport => {
    const current = known.get(id);
    const recorded = perDeployment.get(id);
    const deploymentType = current?.type ?? recorded?.type ?? 'unknown';
    const targetPercent = targetPercentFor(input.policy, deploymentType);
    let eligible = 0;
    let succeeded = 0;
    let downtimeMinutes = 0;
    let activeMinutes = 0;
    for (const minute of recorded?.perMinute.values() ?? []) {
      eligible += minute.eligible;
      succeeded += minute.succeeded;
      if (minute.eligible === 0) continue;
      activeMinutes += 1;
      const errorRatePercent = ((minute.eligible - minute.succeeded) / minute.eligible) * 100;
      if (errorRatePercent > input.policy.downtimeErrorRatePercent) downtimeMinutes += 1;
    }
    const availabilityPercent = eligible === 0 ? null : (succeeded / eligible) * 100;
    const creditPercent = creditPercentFor(input.policy, targetPercent, availabilityPercent);
    const invoiceAmountMicroUsd = input.invoiceAmounts.get(id) ?? 0;
    return {
      deploymentId: id,
      deploymentName: current?.name ?? null,
      deploymentType,
      targetPercent,
      eligible,
      succeeded,
      availabilityPercent,
      met: availabilityPercent === null || availabilityPercent >= targetPercent,
      downtimeMinutes,
      activeMinutes,
      creditPercent,
      invoiceAmountMicroUsd,
      creditMicroUsd: Math.floor((invoiceAmountMicroUsd * creditPercent) / 100 + 0.5),
    };
  });
  // By name; removed deployments last, by id.
  return reports.sort((left, right) =>
    left.deploymentName === null || right.deploymentName === null
      ? Number(left.deploymentName === null) - Number(right.deploymentName === null) ||
        left.deploymentId.localeCompare(right.deploymentId)
      : left.deploymentName.localeCompare(right.deploymentName),
  );
}
