import type { ResolvedDeployment } from '../../control/registry-types.js';
import { estimateTokens, type ChatRequest, type ContentPart, type EmbeddingRequest } from '../../spec/index.js';
import {
  chooseTokenEncoding,
  createBoundedTokenCount,
  loadTokenizer,
  warmTokenizers,
  type BoundedTokenCount,
  type TextTokenCounter,
  type TokenEncodingChoice,
} from '../../tokens/index.js';
import type { InferenceServices } from './inference-services.js';

/** Output charged at admission when a request sets no max_tokens and the catalog knows no cap for its model. */
export const DEFAULT_OUTPUT_ESTIMATE = 4096;

// OpenAI's accounting for chat messages (https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken):
// every message is wrapped in 3 tokens and its role is 1 more, a `name` costs 1 besides its text, and the reply is
// primed with 3 (`<|start|>assistant<|message|>`).
const TOKENS_PER_MESSAGE = 3;
const ROLE_TOKENS = 1;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;
/**
 * An image costs 85 tokens at `detail: low` and 85 plus 170 per 512-px tile at high detail
 * (https://platform.openai.com/docs/guides/images-vision#calculating-costs). Its size is unknown until it is
 * fetched, so admission charges the low-detail figure; settlement corrects it to what the backend counted.
 */
export const IMAGE_PART_TOKENS = 85;

/** What the estimate needs of a deployment: the catalog model it serves, and whether admission charges it. */
export type CountedDeployment = Pick<ResolvedDeployment, 'model' | 'limits' | 'sharedCapacity'>;
/** What the estimate needs of the inference services. */
export type EstimateServices = Pick<InferenceServices, 'quota' | 'modelFamily' | 'outputCap'>;

/** The encoding admission counts a deployment's requests with, from the catalog model (and family) it serves. */
export function admissionEncoding(
  services: Pick<InferenceServices, 'modelFamily'>,
  deployment: Pick<ResolvedDeployment, 'model'>,
): TokenEncodingChoice {
  return chooseTokenEncoding(deployment.model, services.modelFamily?.(deployment.model));
}

/**
 * The estimate admission charges a chat request, synchronous as `admitToQuota` takes it; the tokenizer it counts
 * with is found first (see `admissionTokenizer`).
 */
export async function chatAdmissionEstimate(
  services: EstimateServices,
  deployment: CountedDeployment,
  request: ChatRequest,
): Promise<() => number> {
  const tokenizer = await admissionTokenizer(services, deployment);
  const outputCap = services.outputCap?.(deployment.model);
  return () => estimateChatTokens(request, tokenizer, outputCap);
}

/** As `chatAdmissionEstimate`, for an embeddings request. */
export async function embeddingsAdmissionEstimate(
  services: EstimateServices,
  deployment: CountedDeployment,
  request: EmbeddingRequest,
): Promise<() => number> {
  const tokenizer = await admissionTokenizer(services, deployment);
  return () => estimateEmbeddingTokens(request, tokenizer);
}

/** Loads, ahead of their first request, the tokenizers that admission will count these deployments' requests with. */
export function warmAdmissionTokenizers(
  services: Pick<InferenceServices, 'modelFamily'>,
  deployments: readonly CountedDeployment[],
): Promise<void> {
  const counted = deployments.filter(isCountedAtAdmission);
  return warmTokenizers(counted.map((deployment) => admissionEncoding(services, deployment).encoding));
}

/**
 * The prompt's tokens as the model's tokenizer counts them (OpenAI's per-message overhead included; exactly up to
 * EXACT_COUNT_CHARACTERS of text, sampled beyond), plus the output it may produce: max_tokens, else the model's
 * output cap, else DEFAULT_OUTPUT_ESTIMATE, for each of `n` choices.
 */
export function estimateChatTokens(
  request: ChatRequest,
  tokenizer: TextTokenCounter,
  outputCap: number | undefined,
): number {
  return (
    countChatPromptTokens(request, tokenizer) +
    (request.maxOutputTokens ?? outputCap ?? DEFAULT_OUTPUT_ESTIMATE) * (request.n ?? 1)
  );
}

/** The prompt alone, counted as `estimateChatTokens` counts it: also what a stream without usage is billed for. */
export function countChatPromptTokens(request: ChatRequest, tokenizer: TextTokenCounter): number {
  // Quota admission and budget admission both count the same request; the second asks for the first's answer.
  const counted = promptCounts.get(request);
  if (counted?.tokenizer === tokenizer) return counted.tokens;
  const tokens = countPromptText(request, tokenizer);
  promptCounts.set(request, { tokenizer, tokens });
  return tokens;
}

/** The last count of each request, dropped with the request. */
const promptCounts = new WeakMap<ChatRequest, { tokenizer: TextTokenCounter; tokens: number }>();

function countPromptText(request: ChatRequest, tokenizer: TextTokenCounter): number {
  const count = createBoundedTokenCount(tokenizer);
  for (const message of request.messages) {
    count.addTokens(TOKENS_PER_MESSAGE + ROLE_TOKENS);
    addContent(count, message.content);
    if (message.role !== 'tool' && message.name !== undefined) {
      count.addText(message.name);
      count.addTokens(TOKENS_PER_NAME);
    }
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) {
        count.addText(call.name);
        count.addText(call.arguments);
      }
    }
  }
  count.addTokens(REPLY_PRIMING_TOKENS);
  // Vendors render tool definitions and a structured-output schema into the prompt in their own formats; their JSON
  // is close enough in length.
  for (const tool of request.tools ?? []) count.addText(JSON.stringify(tool));
  if (request.responseFormat?.type === 'json_schema' && request.responseFormat.schema !== undefined) {
    count.addText(JSON.stringify(request.responseFormat.schema));
  }
  return count.total();
}

/** Each text input counted with the tokenizer (bounded as for chat), each pre-tokenised input by its length. */
export function estimateEmbeddingTokens(request: EmbeddingRequest, tokenizer: TextTokenCounter): number {
  const count = createBoundedTokenCount(tokenizer);
  for (const input of request.input) {
    if (typeof input === 'string') count.addText(input);
    else count.addTokens(input.length);
  }
  return count.total();
}

function addContent(count: BoundedTokenCount, content: string | ContentPart[] | null): void {
  if (content === null) return;
  if (typeof content === 'string') {
    count.addText(content);
    return;
  }
  for (const part of content) {
    switch (part.type) {
      case 'text':
        count.addText(part.text);
        break;
      case 'image':
        count.addTokens(IMAGE_PART_TOKENS);
        break;
      case 'audio':
        // Its duration is unknown without decoding it; settlement charges what the backend counted.
        break;
    }
  }
}

/** About four characters a token: what admission counted with before tokenizers. */
const CHARACTER_RULE: TextTokenCounter = { countTokens: (text) => estimateTokens(text.length) };

/**
 * Whether `admitToQuota` charges this deployment an estimate: when it has its own limits or shares its connection's
 * capacity. Most deployments have neither: they never load a tokenizer, nor even choose an encoding.
 */
function isCountedAtAdmission(deployment: CountedDeployment): boolean {
  return deployment.limits !== null || deployment.sharedCapacity !== null;
}

/**
 * The tokenizer a counted deployment's requests are counted with, which its first request waits for if the server
 * did not warm it at start. Any other deployment gets the character rule, never used while admission's condition
 * and `isCountedAtAdmission` agree.
 */
function admissionTokenizer(
  services: EstimateServices,
  deployment: CountedDeployment,
): TextTokenCounter | Promise<TextTokenCounter> {
  if (services.quota === undefined || !isCountedAtAdmission(deployment)) return CHARACTER_RULE;
  return loadTokenizer(admissionEncoding(services, deployment).encoding);
}
