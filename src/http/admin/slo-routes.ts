import type { FastifyInstance } from 'fastify';
import { parseInvoiceMonth, type Percentiles, type SlaReport } from '../../metering/index.js';
import type { JsonObject } from '../../spec/index.js';
import type { DeploymentSlo, ServiceLevelAdmin } from '../start-service-levels.js';
import { singleQueryValue, type AdminQuery } from './single-query-value.js';

type Query = AdminQuery;

/** Rolling SLO views per deployment and monthly SLA reports per project (project readers). */
export function registerSloRoutes(admin: FastifyInstance, serviceLevels: ServiceLevelAdmin): void {
  admin.get<{ Params: { project: string; name: string }; Querystring: Query }>(
    '/projects/:project/deployments/:name/slo',
    async (request) =>
      renderSlo(
        await serviceLevels.slo(request.params.project, request.params.name, singleQueryValue(request.query, 'window')),
      ),
  );

  admin.get<{ Params: { project: string }; Querystring: Query }>('/projects/:project/sla', async (request) => {
    const month = parseInvoiceMonth(singleQueryValue(request.query, 'month') ?? new Date().toISOString().slice(0, 7));
    return renderSla(await serviceLevels.sla(request.params.project, month));
  });
}

function renderPercentiles(percentiles: Percentiles): JsonObject {
  return { p50: percentiles.p50, p90: percentiles.p90, p95: percentiles.p95, p99: percentiles.p99 };
}

export function renderSlo(slo: DeploymentSlo): JsonObject {
  return {
    object: 'deployment_slo',
    project: slo.projectName,
    deployment: slo.deploymentName,
    deployment_id: slo.deploymentId,
    deployment_type: slo.deploymentType,
    window: slo.window,
    from: new Date(slo.from).toISOString(),
    to: new Date(slo.to).toISOString(),
    eligible_requests: slo.eligible,
    successful_requests: slo.succeeded,
    failed_requests: slo.failed,
    availability_percent: slo.availabilityPercent,
    excluded_requests: {
      client_error: slo.excluded.clientError,
      quota: slo.excluded.quota,
      budget: slo.excluded.budget,
      content_filter: slo.excluded.contentFilter,
      client_abort: slo.excluded.clientAbort,
    },
    latency_ms: renderPercentiles(slo.latencyMs),
    time_to_first_token_ms: renderPercentiles(slo.timeToFirstTokenMs),
    output_tokens_per_second: slo.outputTokensPerSecond,
    series: slo.series.map((point) => ({
      from: new Date(point.from).toISOString(),
      eligible_requests: point.eligible,
      successful_requests: point.succeeded,
      availability_percent: point.availabilityPercent,
      latency_ms: renderPercentiles(point.latencyMs),
      time_to_first_token_ms: renderPercentiles(point.timeToFirstTokenMs),
    })),
  };
}

export function renderSla(report: SlaReport): JsonObject {
  return {
    object: 'sla_report',
    project: report.projectName,
    month: report.month,
    period_start: new Date(report.from).toISOString(),
    period_end: new Date(report.to).toISOString(),
    downtime_error_rate_percent: report.downtimeErrorRatePercent,
    deployments: report.deployments.map((deployment) => ({
      deployment: deployment.deploymentName,
      deployment_id: deployment.deploymentId,
      deployment_type: deployment.deploymentType,
      target_percent: deployment.targetPercent,
      eligible_requests: deployment.eligible,
      successful_requests: deployment.succeeded,
      availability_percent: deployment.availabilityPercent,
      met: deployment.met,
      downtime_minutes: deployment.downtimeMinutes,
      active_minutes: deployment.activeMinutes,
      credit_percent: deployment.creditPercent,
      invoice_amount_micro_usd: deployment.invoiceAmountMicroUsd,
      credit_micro_usd: deployment.creditMicroUsd,
    })),
    total_credit_micro_usd: report.totalCreditMicroUsd,
  };
}
