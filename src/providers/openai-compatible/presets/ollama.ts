import { convertOpenAiUsage } from '../convert-openai-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';

/** Ollama's OpenAI-compatible API on its default port. */
export const ollamaProvider = createOpenAiCompatibleProvider({
  id: 'ollama',
  defaultBaseUrl: 'http://127.0.0.1:11434/v1',
  convertUsage: convertOpenAiUsage,
});
