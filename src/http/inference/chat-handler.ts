import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dialect, RenderContext } from '../../dialects/index.js';
import { dispatchChat, dispatchChatStream } from '../../routing/index.js';
import { toGatewayError, totalTokens, type JsonValue } from '../../spec/index.js';
import type { InferenceServices } from './inference-services.js';
import { observeStream } from './observe-stream.js';
import { streamUsageEstimator } from './estimate-stream-usage.js';
import { chatAdmissionEstimate } from './estimate-request-tokens.js';
import { admitToQuota } from './quota-admission.js';
import { admitToBudgets, chatWorstCase } from './budget-admission.js';
import { NO_TOKENS } from '../../metering/index.js';
import { WARNINGS_HEADER, warningsHeaderValue } from './response-headers.js';
import { writeSseFrames } from './sse-writer.js';
import { recordUsage, startCall } from './start-call.js';
import { routingOptions } from './routing-options.js';
import { answeredOutcome, anyContentFiltered, streamOutcome } from './service-level-ticket.js';
import { screenPrompt, screenResult, screenStream } from './content-safety.js';
import type { StreamFilterState } from '../../safety/index.js';

export interface InferenceRoute {
  Params: { deployment?: string; model?: string };
  Querystring: Record<string, string | undefined>;
}
export type InferenceRequest = FastifyRequest<InferenceRoute>;

/** Chat completions in any dialect: parse → resolve → dispatch → render, as JSON or as SSE. */
export async function handleChat(
  dialect: Dialect,
  services: InferenceServices,
  request: InferenceRequest,
  reply: FastifyReply,
): Promise<JsonValue | undefined> {
  const parsed = dialect.parseChat({
    body: request.body as JsonValue,
    headers: request.headers,
    query: request.query,
    pathDeployment: request.params.deployment,
  });
  const chatRequest = parsed.request;
  const call = startCall(dialect.id, request, reply, services, chatRequest.model, parsed.unknownParameters);
  const renderContext: RenderContext = { requestId: request.id, request: chatRequest, query: request.query };
  const estimate = await chatAdmissionEstimate(services, call.deployment, chatRequest);
  const ticket = await admitToQuota(services.quota, call.deployment, reply, estimate);
  const budgetTicket = await admitToBudgets(services, call, chatWorstCase(services, call, chatRequest)).catch(
    (error: unknown) => {
      ticket.settle(0);
      throw error;
    },
  );
  const safety = services.contentSafety;
  const screening = safety === undefined ? undefined : await screenPrompt(safety, call, chatRequest);
  if (screening !== undefined && 'refused' in screening) {
    // Azure bills a refused prompt for its tokens; no backend was called, so Hangar counts them.
    const usage = streamUsageEstimator(services, call.deployment, chatRequest)({ output: '', reasoning: '' });
    ticket.settle(totalTokens(usage));
    budgetTicket.settle(usage);
    recordUsage(
      services,
      call,
      { backend: null, attempt: 0 },
      {
        operation: 'chat',
        streamed: chatRequest.stream,
        outcome: 'filtered',
        usage,
      },
    );
    call.serviceLevel?.settle({ kind: 'excluded', reason: 'content_filter' });
    throw screening.refused;
  }
  const screened = screening?.passed;
  const upstreamRequest = screened?.request ?? chatRequest;
  const dispatchOptions = {
    backends: call.deployment.backends,
    defaultTimeoutMs: services.upstreamTimeoutMs,
    localProvider: services.localProvider,
    context: call.context,
    ...routingOptions(services, call.deployment),
  };

  if (!chatRequest.stream) {
    const { value: answer, ...answered } = await dispatchChat(upstreamRequest, dispatchOptions).catch(
      (error: unknown) => {
        ticket.settle(0);
        budgetTicket.settle(NO_TOKENS);
        throw error;
      },
    );
    ticket.settle(totalTokens(answer.usage));
    budgetTicket.settle(answer.usage);
    const checked =
      safety === undefined || screened === undefined
        ? { result: answer, filtered: false }
        : await screenResult(safety, call, screened, answer);
    const result = checked.result;
    recordUsage(services, call, answered, {
      operation: 'chat',
      streamed: false,
      outcome: checked.filtered ? 'filtered' : 'ok',
      usage: result.usage,
    });
    call.serviceLevel?.settle(
      answeredOutcome(performance.now() - call.startedAt, result.usage, anyContentFiltered(result.choices)),
    );
    const warnings = warningsHeaderValue(call.context.warnings);
    if (warnings !== undefined) void reply.header(WARNINGS_HEADER, warnings);
    return dialect.renderChat(result, renderContext);
  }

  const { value: events, ...answered } = await dispatchChatStream(upstreamRequest, dispatchOptions).catch(
    (error: unknown) => {
      ticket.settle(0);
      budgetTicket.settle(NO_TOKENS);
      throw error;
    },
  );
  const estimateUsage = streamUsageEstimator(services, call.deployment, upstreamRequest);
  const filterState: StreamFilterState = { filtered: false };
  const observed = observeStream(events, estimateUsage, call.startedAt, (observation) => {
    ticket.settle(totalTokens(observation.usage));
    budgetTicket.settle(observation.usage);
    if (observation.error !== undefined) {
      request.log.warn(
        { requestId: request.id, err: observation.error, upstream: observation.error.upstream },
        'stream ended with an error',
      );
    }
    const outcome = filterState.filtered
      ? 'filtered'
      : observation.error !== undefined
        ? 'upstream_error'
        : observation.completed
          ? 'ok'
          : 'client_abort';
    recordUsage(services, call, answered, {
      operation: 'chat',
      streamed: true,
      outcome,
      usage: observation.usage,
      timeToFirstTokenMs: observation.timeToFirstTokenMs,
    });
    const latencyMs = performance.now() - call.startedAt;
    call.serviceLevel?.settle(
      filterState.filtered
        ? answeredOutcome(latencyMs, observation.usage, true)
        : streamOutcome(observation, latencyMs),
    );
  });
  // The meter sees every generated token (a filtered completion is billed in full); the client sees what passed.
  const delivered =
    safety === undefined || screened === undefined
      ? observed
      : screenStream(safety, call, screened, observed, filterState);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (typeof value === 'string') headers[name] = value;
  }
  headers['content-type'] = 'text/event-stream; charset=utf-8';
  headers['cache-control'] = 'no-cache';
  headers['x-request-id'] = request.id;
  const warnings = warningsHeaderValue(call.context.warnings);
  if (warnings !== undefined) headers[WARNINGS_HEADER] = warnings;

  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, headers);
  try {
    await writeSseFrames(response, dialect.renderChatStream(delivered, renderContext), {
      coalesceMs: services.streamCoalesceMs,
    });
  } catch (error) {
    // A renderer or provider bug must still end the stream with a frame the client's SDK understands.
    request.log.error({ requestId: request.id, err: error }, 'stream failed');
    if (!response.destroyed) response.write(dialect.renderStreamError(toGatewayError(error)));
  }
  response.end();
  return undefined;
}
