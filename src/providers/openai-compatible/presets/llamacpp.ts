import { convertOpenAiUsage } from '../convert-openai-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';

/** The llama.cpp server (`llama-server`) on its default port. */
export const llamaCppProvider = createOpenAiCompatibleProvider({
  id: 'llamacpp',
  defaultBaseUrl: 'http://127.0.0.1:8080/v1',
  convertUsage: convertOpenAiUsage,
});
