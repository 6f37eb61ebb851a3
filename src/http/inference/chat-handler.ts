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
  const dispatchOptions = {
    backends: call.deployment.backends,
    defaultTimeoutMs: services.upstreamTimeoutMs,
    localProvider: services.localProvider,
    context: call.context,
    ...routingOptions(services, call.deployment),
  };

  if (!chatRequest.stream) {
    const { value: result, ...answered } = await dispatchChat(chatRequest, dispatchOptions).catch((error: unknown) => {
      ticket.settle(0);
      budgetTicket.settle(NO_TOKENS);
      throw error;
    });
    ticket.settle(totalTokens(result.usage));
    budgetTicket.settle(result.usage);
    recordUsage(services, call, answered, { operation: 'chat', streamed: false, outcome: 'ok', usage: result.usage });
    call.serviceLevel?.settle(
      answeredOutcome(performance.now() - call.startedAt, result.usage, anyContentFiltered(result.choices)),
    );
    const warnings = warningsHeaderValue(call.context.warnings);
    if (warnings !== undefined) void reply.header(WARNINGS_HEADER, warnings);
    return dialect.renderChat(result, renderContext);
  }

  const { value: events, ...answered } = await dispatchChatStream(chatRequest, dispatchOptions).catch(
    (error: unknown) => {
      ticket.settle(0);
      budgetTicket.settle(NO_TOKENS);
      throw error;
    },
  );
  const estimateUsage = streamUsageEstimator(services, call.deployment, chatRequest);
  const observed = observeStream(events, estimateUsage, call.startedAt, (observation) => {
    ticket.settle(totalTokens(observation.usage));
    budgetTicket.settle(observation.usage);
    if (observation.error !== undefined) {
      request.log.warn(
        { requestId: request.id, err: observation.error, upstream: observation.error.upstream },
        'stream ended with an error',
      );
    }
    const outcome = observation.error !== undefined ? 'upstream_error' : observation.completed ? 'ok' : 'client_abort';
    recordUsage(services, call, answered, {
      operation: 'chat',
      streamed: true,
      outcome,
      usage: observation.usage,
      timeToFirstTokenMs: observation.timeToFirstTokenMs,
    });
    call.serviceLevel?.settle(streamOutcome(observation, performance.now() - call.startedAt));
  });

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
    await writeSseFrames(response, dialect.renderChatStream(observed, renderContext), {
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
