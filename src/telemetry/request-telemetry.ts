import type { BackendTarget, GatewayError, UpstreamAttemptObserver, Usage } from '../spec/index.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import type { Operation, RequestOutcome } from './metrics/metric-labels.js';
import { genAiProviderName } from './tracing/gen-ai-provider-name.js';
import type { RequestTracer, SpanHandle } from './tracing/request-tracer.js';
import { serverAddressOf } from './tracing/server-address.js';

/** What the request names once routing resolved it; the names label metrics, the id keys them. */
export interface ResolvedTarget {
  id: string;
  name: string;
  projectName: string;
  /** The catalog model the deployment serves. */
  model: string;
}

/** How a request that got an answer ended (see UsageOutcome). */
export type AnsweredOutcome = 'ok' | 'client_abort' | 'upstream_error' | 'filtered';

const UNRESOLVED: ResolvedTarget = Object.freeze({ id: '', name: '', projectName: '', model: '' });

/**
 * The telemetry of one inference request: its metrics at the end, its trace span, and a child span per upstream
 * attempt (it is the call context's UpstreamAttemptObserver). One object per request; the first ending counts.
 */
export class RequestTelemetry implements UpstreamAttemptObserver {
  private target: ResolvedTarget = UNRESOLVED;
  private finished = false;
  private attemptStartedAt = 0;
  private readonly span: SpanHandle | undefined;
  private attemptSpan: SpanHandle | undefined;

  constructor(
    private readonly metrics: GatewayMetrics | undefined,
    private readonly tracer: RequestTracer | undefined,
    readonly dialect: string,
    readonly operation: Operation,
    /** performance.now() when the request reached its handler. */
    readonly startedAt: number,
    requestId: string,
    traceparent: string | undefined,
  ) {
    this.span = tracer?.startRequestSpan(
      operation,
      { 'gen_ai.operation.name': operation, 'hangar.request_id': requestId, 'hangar.dialect': dialect },
      traceparent,
    );
  }

  deploymentResolved(target: ResolvedTarget): void {
    this.target = target;
    if (this.span === undefined) return;
    this.span.setAttribute('gen_ai.request.model', target.name);
    this.span.setAttribute('hangar.deployment', target.name);
    this.span.setAttribute('hangar.project', target.projectName);
    this.span.setAttribute('hangar.model', target.model);
  }

  /** Adds request settings to the span (`gen_ai.request.max_tokens`, …); a no-op when traces are off. */
  describeRequest(attributes: Record<string, string | number | boolean | undefined>): void {
    if (this.span === undefined) return;
    for (const [key, value] of Object.entries(attributes)) if (value !== undefined) this.span.setAttribute(key, value);
  }

  attemptStarted(backend: BackendTarget, attempt: number): void {
    this.attemptStartedAt = performance.now();
    if (this.tracer === undefined || this.span === undefined) return;
    const provider = genAiProviderName(backend.connection.provider);
    const address = serverAddressOf(backend.connection.baseUrl);
    this.attemptSpan = this.tracer.startAttemptSpan(this.span, `${this.operation} ${backend.model}`, {
      'gen_ai.operation.name': this.operation,
      'gen_ai.request.model': backend.model,
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'hangar.connection': backend.connection.name,
      'hangar.attempt': attempt,
      ...(address === undefined ? {} : { 'server.address': address.host, 'server.port': address.port }),
    });
  }

  attemptEnded(backend: BackendTarget, _attempt: number, error: GatewayError | undefined): void {
    const upstreamFailed = error !== undefined && error.upstream !== undefined;
    this.metrics?.upstreamAttemptEnded(
      backend.connection.provider,
      this.operation,
      (performance.now() - this.attemptStartedAt) / 1000,
      upstreamFailed ? error.code : undefined,
    );
    const span = this.attemptSpan;
    if (span === undefined) return;
    this.attemptSpan = undefined;
    if (error !== undefined) {
      if (error.upstream?.status !== undefined) span.setAttribute('http.response.status_code', error.upstream.status);
      span.fail(error.code, error.message);
    }
    span.end();
  }

  /** The request got an answer from `backend`; for a stream, called when the stream ended. */
  answered(
    backend: BackendTarget,
    outcome: AnsweredOutcome,
    usage: Usage,
    timeToFirstTokenMs: number | undefined,
  ): void {
    if (this.finished) return;
    this.finished = true;
    const durationSeconds = (performance.now() - this.startedAt) / 1000;
    if (this.metrics !== undefined) {
      const label = outcome === 'filtered' ? 'content_filtered' : outcome;
      this.metrics.requestFinished(this.target, this.dialect, this.operation, label, 200, durationSeconds);
      this.metrics.usageRecorded(
        this.target.id,
        this.operation,
        usage,
        timeToFirstTokenMs === undefined ? undefined : timeToFirstTokenMs / 1000,
        durationSeconds,
      );
    }
    const span = this.span;
    if (span === undefined) return;
    const provider = genAiProviderName(backend.connection.provider);
    span.setAttribute('gen_ai.response.model', backend.model);
    span.setAttribute('gen_ai.provider.name', provider);
    span.setAttribute('gen_ai.system', provider);
    span.setAttribute('gen_ai.usage.input_tokens', usage.input + usage.cachedInput + usage.cacheWriteInput);
    span.setAttribute('gen_ai.usage.output_tokens', usage.output + usage.reasoning);
    span.setAttribute('http.response.status_code', 200);
    span.setAttribute('hangar.outcome', outcome);
    if (timeToFirstTokenMs !== undefined) span.setAttribute('hangar.time_to_first_token_ms', timeToFirstTokenMs);
    if (outcome === 'upstream_error') span.fail('upstream_error', 'The upstream failed mid-stream.');
    span.end();
  }

  /** The request was answered with an error. */
  failed(error: GatewayError): void {
    if (this.finished) return;
    this.finished = true;
    const outcome = failureOutcome(error);
    this.metrics?.requestFinished(
      this.target,
      this.dialect,
      this.operation,
      outcome,
      error.status,
      (performance.now() - this.startedAt) / 1000,
    );
    const span = this.span;
    if (span === undefined) return;
    span.setAttribute('http.response.status_code', error.status);
    span.setAttribute('hangar.outcome', outcome);
    span.fail(error.code, error.message);
    span.end();
  }

  /** A handler returned without reporting how the request ended; the span must still close. */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    this.span?.end();
  }
}

/** Which outcome label an error response gets; rejections at admission carry no upstream failure. */
export function failureOutcome(error: GatewayError): RequestOutcome {
  if (error.code === 'client_closed_request') return 'client_abort';
  if (error.upstream !== undefined) return 'upstream_error';
  if (error.code === 'rate_limit_exceeded') return 'quota_rejected';
  if (error.code === 'insufficient_quota') return 'budget_rejected';
  if (error.code === 'content_filter') return 'content_filtered';
  if (error.status < 500) return 'client_error';
  return 'server_error';
}
