import { convertOpenAiUsage } from '../convert-openai-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';

export const openAiProvider = createOpenAiCompatibleProvider({
  id: 'openai',
  defaultBaseUrl: 'https://api.openai.com/v1',
  convertUsage: convertOpenAiUsage,
  supportsDeveloperRole: true,
});
