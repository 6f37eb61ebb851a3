import { convertOpenAiUsage } from '../convert-openai-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';

/** Any other server that speaks Chat Completions (SGLang, LM Studio, another gateway): base_url is required. */
export const genericOpenAiCompatibleProvider = createOpenAiCompatibleProvider({
  id: 'openai-compatible',
  defaultBaseUrl: undefined,
  convertUsage: convertOpenAiUsage,
});
