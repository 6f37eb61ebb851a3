import type { ChatRequest, EmbeddingRequest } from '../../spec/index.js';
import type { BudgetTicket, TokenCounts } from '../../metering/index.js';
import { loadTokenizer } from '../../tokens/index.js';
import {
  admissionEncoding,
  countChatPromptTokens,
  DEFAULT_OUTPUT_ESTIMATE,
  estimateEmbeddingTokens,
} from './estimate-request-tokens.js';
import type { InferenceServices } from './inference-services.js';
import type { StartedCall } from './start-call.js';

const UNBUDGETED: BudgetTicket = { settle: () => undefined };

/** What a request may cost at most, in the buckets the price card reads. */
type WorstCase = () => Promise<TokenCounts>;

/**
 * Charges the caller's budgets (its project's and its key's) the request's worst-case cost before it is sent
 * anywhere, after the deployment's quota admitted it; a spent budget is a 429 `insufficient_quota` that names it,
 * with `x-should-retry: false`. The ticket is settled with the tokens actually used once the call ends (no tokens
 * when it never reached a backend). Callers without budgets cost one map lookup: nothing is counted or priced.
 */
export async function admitToBudgets(
  services: Pick<InferenceServices, 'budgets'>,
  call: Pick<StartedCall, 'caller' | 'deployment'>,
  worstCase: WorstCase,
): Promise<BudgetTicket> {
  if (services.budgets === undefined) return UNBUDGETED;
  return services.budgets.admit({
    projectId: call.caller.projectId,
    keyId: call.caller.keyId,
    model: call.deployment.model,
    deploymentType: call.deployment.type,
    worstCase,
  });
}

/**
 * A chat request's worst case: the prompt counted with the model family's tokenizer, every token of it at the full
 * input rate (no cache discount), and max_tokens — else the model's output cap, else DEFAULT_OUTPUT_ESTIMATE — for
 * each of `n` choices as output.
 */
export function chatWorstCase(
  services: Pick<InferenceServices, 'modelFamily' | 'outputCap'>,
  call: Pick<StartedCall, 'deployment'>,
  request: ChatRequest,
): WorstCase {
  return async () => {
    const tokenizer = await loadTokenizer(admissionEncoding(services, call.deployment).encoding);
    const outputCap = services.outputCap?.(call.deployment.model);
    return {
      input: countChatPromptTokens(request, tokenizer),
      cachedInput: 0,
      cacheWriteInput: 0,
      output: (request.maxOutputTokens ?? outputCap ?? DEFAULT_OUTPUT_ESTIMATE) * (request.n ?? 1),
      reasoning: 0,
    };
  };
}

/** An embeddings request's worst case: its inputs, counted as admission counts them; embeddings produce no output. */
export function embeddingsWorstCase(
  services: Pick<InferenceServices, 'modelFamily'>,
  call: Pick<StartedCall, 'deployment'>,
  request: EmbeddingRequest,
): WorstCase {
  return async () => {
    const tokenizer = await loadTokenizer(admissionEncoding(services, call.deployment).encoding);
    return {
      input: estimateEmbeddingTokens(request, tokenizer),
      cachedInput: 0,
      cacheWriteInput: 0,
      output: 0,
      reasoning: 0,
    };
  };
}
