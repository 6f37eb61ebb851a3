import type { FastifyReply } from 'fastify';
import type { Dialect } from '../../dialects/index.js';
import { dispatchEmbeddings } from '../../routing/index.js';
import { totalTokens, type JsonValue } from '../../spec/index.js';
import type { InferenceRequest } from './chat-handler.js';
import type { InferenceServices } from './inference-services.js';
import { embeddingsAdmissionEstimate } from './estimate-request-tokens.js';
import { admitToQuota } from './quota-admission.js';
import { admitToBudgets, embeddingsWorstCase } from './budget-admission.js';
import { NO_TOKENS } from '../../metering/index.js';
import { WARNINGS_HEADER, warningsHeaderValue } from './response-headers.js';
import { recordUsage, startCall } from './start-call.js';
import { routingOptions } from './routing-options.js';
import { answeredOutcome } from './service-level-ticket.js';

export async function handleEmbeddings(
  dialect: Dialect,
  services: InferenceServices,
  request: InferenceRequest,
  reply: FastifyReply,
): Promise<JsonValue> {
  const parsed = dialect.parseEmbeddings({
    body: request.body as JsonValue,
    headers: request.headers,
    query: request.query,
    pathDeployment: request.params.deployment,
  });
  const call = startCall(dialect.id, request, reply, services, parsed.request.model, parsed.unknownParameters);
  const estimate = await embeddingsAdmissionEstimate(services, call.deployment, parsed.request);
  const ticket = await admitToQuota(services.quota, call.deployment, reply, estimate);
  const budgetTicket = await admitToBudgets(services, call, embeddingsWorstCase(services, call, parsed.request)).catch(
    (error: unknown) => {
      ticket.settle(0);
      throw error;
    },
  );
  const { value: result, ...answered } = await dispatchEmbeddings(parsed.request, {
    backends: call.deployment.backends,
    defaultTimeoutMs: services.upstreamTimeoutMs,
    localProvider: services.localProvider,
    context: call.context,
    ...routingOptions(services, call.deployment),
  }).catch((error: unknown) => {
    ticket.settle(0);
    budgetTicket.settle(NO_TOKENS);
    throw error;
  });
  ticket.settle(totalTokens(result.usage));
  budgetTicket.settle(result.usage);
  recordUsage(services, call, answered, {
    operation: 'embeddings',
    streamed: false,
    outcome: 'ok',
    usage: result.usage,
  });
  call.serviceLevel?.settle(answeredOutcome(performance.now() - call.startedAt, result.usage, false));
  const warnings = warningsHeaderValue(call.context.warnings);
  if (warnings !== undefined) void reply.header(WARNINGS_HEADER, warnings);
  return dialect.renderEmbeddings(result, { requestId: request.id, request: parsed.request, query: request.query });
}
