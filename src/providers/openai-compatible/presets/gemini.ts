import { convertOpenAiUsage } from '../convert-openai-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';

/** Google Gemini's OpenAI-compatible endpoint. */
export const geminiProvider = createOpenAiCompatibleProvider({
  id: 'gemini',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
  convertUsage: convertOpenAiUsage,
});
