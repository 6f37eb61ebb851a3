import { GatewayError } from '../../../spec/index.js';
import type { ChatRequest } from '../../../spec/index.js';
import { convertDeepSeekUsage } from '../convert-deepseek-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';
import type { OpenAiChatCallInput } from '../openai-compatible-provider.js';

/**
 * deepseek-reasoner ignores temperature, top_p and the penalties (sent anyway: harmless) but answers an
 * error to logprobs and top_logprobs, which Hangar refuses up front with the parameter's name.
 * https://api-docs.deepseek.com/guides/reasoning_model
 */
export function prepareDeepSeekRequest({ request, target }: OpenAiChatCallInput): ChatRequest {
  if (!target.model.toLowerCase().includes('deepseek-reasoner')) return request;
  if (request.topLogprobs !== undefined) throw refusal('top_logprobs', target.model);
  if (request.logprobs === true) throw refusal('logprobs', target.model);
  if (request.logprobs === false) {
    // Asking for no logprobs is the default; the field alone would still upset the upstream.
    const copy = { ...request };
    delete copy.logprobs;
    return copy;
  }
  return request;
}

function refusal(param: string, model: string): GatewayError {
  return new GatewayError('unsupported_parameter', `${param} is not supported by ${model}; remove it.`, { param });
}

export const deepSeekProvider = createOpenAiCompatibleProvider({
  id: 'deepseek',
  defaultBaseUrl: 'https://api.deepseek.com/v1',
  convertUsage: convertDeepSeekUsage,
  prepareRequest: prepareDeepSeekRequest,
});
