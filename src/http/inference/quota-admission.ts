import type { FastifyReply } from 'fastify';
import type { ResolvedDeployment } from '../../control/registry-types.js';
import { quotaExceededMessage, rateLimitHeaders, type QuotaLimiter } from '../../quota/index.js';
import { GatewayError, type ChatRequest, type EmbeddingRequest } from '../../spec/index.js';

/** Output charged at admission when a request sets no max_tokens and the catalog knows no cap for its model. */
export const DEFAULT_OUTPUT_ESTIMATE = 4096;
/** About four characters per token in English text: Azure's admission estimate is "partly from character count". */
const CHARACTERS_PER_TOKEN = 4;

/** An admitted request's reservation, settled to what it really used once it ends. */
export interface QuotaTicket {
  settle(actualTokens: number): void;
}

const UNLIMITED: QuotaTicket = { settle: () => undefined };

/**
 * Charges a request to its deployment's TPM and RPM before it is sent anywhere, as Azure does: the prompt's
 * estimate plus the output it may produce. Every response of a limited deployment carries the remaining
 * headers; a refusal is a 429 naming the limit, with `retry-after`.
 */
export async function admitToQuota(
  quota: QuotaLimiter | undefined,
  deployment: ResolvedDeployment,
  reply: FastifyReply,
  estimateTokens: () => number,
): Promise<QuotaTicket> {
  // Unlimited deployments (most) pay nothing here: the estimate is only computed for a limited one.
  if (quota === undefined || deployment.limits === null) return UNLIMITED;
  const result = await quota.reserve(deployment.id, { tokens: estimateTokens(), requests: 1 }, deployment.limits);
  for (const [name, value] of Object.entries(rateLimitHeaders(result))) {
    // The error renderer writes retry-after itself, from the error; these are the counters.
    if (name.startsWith('x-ratelimit-')) void reply.header(name, value);
  }
  if (!result.admitted) {
    throw new GatewayError('rate_limit_exceeded', quotaExceededMessage(result, deployment.name), {
      ...(result.reason === 'window_full' ? { retryAfterMs: result.retryAfterMs } : { shouldRetry: false }),
      param: result.limit === 'tokens' ? 'max_tokens' : undefined,
    });
  }
  const reservation = result.reservation;
  let settled = false;
  return {
    settle(actualTokens) {
      if (settled) return;
      settled = true;
      // Off the answer's path: a failed correction only leaves the estimate standing until the window ends.
      void quota.settle(reservation, actualTokens).catch(() => undefined);
    },
  };
}

/** Prompt characters over four, plus max_tokens or the model's output cap. */
export function estimateChatTokens(request: ChatRequest, outputCap: number | undefined): number {
  let characters = 0;
  for (const message of request.messages) {
    const content = 'content' in message ? message.content : null;
    if (typeof content === 'string') characters += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) if (part.type === 'text') characters += part.text.length;
    }
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
    }
  }
  for (const tool of request.tools ?? []) characters += JSON.stringify(tool).length;
  const prompt = Math.ceil(characters / CHARACTERS_PER_TOKEN) + request.messages.length * 4;
  return prompt + (request.maxOutputTokens ?? outputCap ?? DEFAULT_OUTPUT_ESTIMATE) * (request.n ?? 1);
}

export function estimateEmbeddingTokens(request: EmbeddingRequest): number {
  let tokens = 0;
  for (const input of request.input) {
    tokens += typeof input === 'string' ? Math.ceil(input.length / CHARACTERS_PER_TOKEN) + 1 : input.length;
  }
  return tokens;
}
