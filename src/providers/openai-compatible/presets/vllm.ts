import { convertOpenAiUsage } from '../convert-openai-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';

/** A vLLM server (`vllm serve`) on its default port. */
export const vllmProvider = createOpenAiCompatibleProvider({
  id: 'vllm',
  defaultBaseUrl: 'http://127.0.0.1:8000/v1',
  convertUsage: convertOpenAiUsage,
});
