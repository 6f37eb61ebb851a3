import type { Usage } from '../../spec/index.js';
import { checkMetricName, type GaugeDefinition, type GaugeRegistry } from './gauge-registry.js';
import { Histogram } from './histogram.js';
import {
  DURATION_BUCKETS_SECONDS,
  TIME_PER_OUTPUT_TOKEN_BUCKETS_SECONDS,
  TIME_TO_FIRST_TOKEN_BUCKETS_SECONDS,
  TOKEN_USAGE_BUCKETS,
} from './metric-buckets.js';
import {
  ADMISSION_REJECTIONS,
  OPERATIONS,
  REQUEST_OUTCOMES,
  STATUS_CLASSES,
  operationIndex,
  outcomeIndex,
  statusClassIndex,
  type Operation,
  type RequestOutcome,
} from './metric-labels.js';
import { renderGatewayMetrics } from './render-gateway-metrics.js';

const REQUEST_CELLS = OPERATIONS.length * REQUEST_OUTCOMES.length * STATUS_CLASSES.length;

/** Everything recorded for one deployment. Created at its first request; the label values are its names. */
export class DeploymentSeries {
  /** Per dialect: a count per (operation, outcome, status class), flattened. */
  readonly requests = new Map<string, Float64Array>();
  readonly duration = OPERATIONS.map(() => new Histogram(DURATION_BUCKETS_SECONDS));
  readonly timeToFirstToken = new Histogram(TIME_TO_FIRST_TOKEN_BUCKETS_SECONDS);
  readonly timePerOutputToken = new Histogram(TIME_PER_OUTPUT_TOKEN_BUCKETS_SECONDS);
  /** input, cached_input, cache_write_input, output, reasoning. */
  readonly tokens = new Float64Array(5);
  /** Prompt and generated tokens per request, by operation: [operation][input | output]. */
  readonly tokenUsage = OPERATIONS.map(() => [new Histogram(TOKEN_USAGE_BUCKETS), new Histogram(TOKEN_USAGE_BUCKETS)]);
  readonly rejections = new Float64Array(ADMISSION_REJECTIONS.length);

  constructor(
    public project: string,
    public deployment: string,
  ) {}
}

/** What Hangar records about the calls it makes upstream, per provider id (a closed set). */
export class ProviderSeries {
  readonly attemptDuration = OPERATIONS.map(() => new Histogram(DURATION_BUCKETS_SECONDS));
  /** Failed attempts by Hangar error code (`upstream_timeout`, `rate_limit_exceeded`, …): a closed set too. */
  readonly errors = new Map<string, number>();
}

/**
 * The gateway's Prometheus metrics, held as plain counters and arrays. Recording is a map lookup and a few
 * array writes; all formatting happens when `/metrics` is scraped (`render`).
 */
export class GatewayMetrics implements GaugeRegistry {
  readonly deployments = new Map<string, DeploymentSeries>();
  readonly providers = new Map<string, ProviderSeries>();
  readonly gauges = new Set<GaugeDefinition>();

  /** A request that reached a deployment, however it ended. `deploymentId` keys the series; names label it. */
  requestFinished(
    deployment: { id: string; name: string; projectName: string },
    dialect: string,
    operation: Operation,
    outcome: RequestOutcome,
    status: number,
    durationSeconds: number,
  ): void {
    const series = this.seriesOf(deployment.id, deployment.projectName, deployment.name);
    let cells = series.requests.get(dialect);
    if (cells === undefined) {
      cells = new Float64Array(REQUEST_CELLS);
      series.requests.set(dialect, cells);
    }
    const operationAt = operationIndex(operation);
    const cell =
      (operationAt * REQUEST_OUTCOMES.length + outcomeIndex(outcome)) * STATUS_CLASSES.length +
      statusClassIndex(status);
    cells[cell]! += 1;
    series.duration[operationAt]!.observe(durationSeconds);
    if (outcome === 'quota_rejected') series.rejections[0]! += 1;
    else if (outcome === 'budget_rejected') series.rejections[1]! += 1;
  }

  /** Tokens a finished request used (metered or counted by Hangar), and its stream timings. */
  usageRecorded(
    deploymentId: string,
    operation: Operation,
    usage: Usage,
    timeToFirstTokenSeconds: number | undefined,
    durationSeconds: number,
  ): void {
    const series = this.deployments.get(deploymentId);
    if (series === undefined) return;
    const tokens = series.tokens;
    tokens[0]! += usage.input;
    tokens[1]! += usage.cachedInput;
    tokens[2]! += usage.cacheWriteInput;
    tokens[3]! += usage.output;
    tokens[4]! += usage.reasoning;
    const generated = usage.output + usage.reasoning;
    const histograms = series.tokenUsage[operationIndex(operation)]!;
    histograms[0]!.observe(usage.input + usage.cachedInput + usage.cacheWriteInput);
    if (operation === 'chat') histograms[1]!.observe(generated);
    if (timeToFirstTokenSeconds !== undefined) {
      series.timeToFirstToken.observe(timeToFirstTokenSeconds);
      // The mean gap between tokens after the first, as vLLM and the GenAI conventions define it.
      if (generated > 1)
        series.timePerOutputToken.observe((durationSeconds - timeToFirstTokenSeconds) / (generated - 1));
    }
  }

  /** One call to a backend ended: answered (`errorCode` undefined) or failed with a Hangar error code. */
  upstreamAttemptEnded(
    provider: string,
    operation: Operation,
    durationSeconds: number,
    errorCode: string | undefined,
  ): void {
    let series = this.providers.get(provider);
    if (series === undefined) {
      series = new ProviderSeries();
      this.providers.set(provider, series);
    }
    series.attemptDuration[operationIndex(operation)]!.observe(durationSeconds);
    if (errorCode !== undefined) series.errors.set(errorCode, (series.errors.get(errorCode) ?? 0) + 1);
  }

  register(gauge: GaugeDefinition): () => void {
    checkMetricName(gauge.name);
    this.gauges.add(gauge);
    return () => {
      this.gauges.delete(gauge);
    };
  }

  /** The text exposition format 0.0.4. */
  render(): string {
    return renderGatewayMetrics(this);
  }

  private seriesOf(id: string, project: string, deployment: string): DeploymentSeries {
    let series = this.deployments.get(id);
    if (series === undefined) {
      series = new DeploymentSeries(project, deployment);
      this.deployments.set(id, series);
    } else if (series.deployment !== deployment || series.project !== project) {
      // A renamed deployment keeps its counters under its new name.
      series.deployment = deployment;
      series.project = project;
    }
    return series;
  }
}

export function createGatewayMetrics(): GatewayMetrics {
  return new GatewayMetrics();
}
