import { convertOpenAiUsage } from '../convert-openai-usage.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';

/**
 * Mistral validates bodies strictly (422 `extra_forbidden`): it has no `stream_options` (usage comes in
 * its last chunk anyway), no `max_completion_tokens` and spells the seed `random_seed`.
 * https://docs.mistral.ai/api/#tag/chat
 */
export const mistralProvider = createOpenAiCompatibleProvider({
  id: 'mistral',
  defaultBaseUrl: 'https://api.mistral.ai/v1',
  convertUsage: convertOpenAiUsage,
  supportsStreamOptions: false,
  transformBody: (body) => {
    const renamed = { ...body };
    if (renamed.max_completion_tokens !== undefined) {
      renamed.max_tokens = renamed.max_completion_tokens;
      delete renamed.max_completion_tokens;
    }
    if (renamed.seed !== undefined) {
      renamed.random_seed = renamed.seed;
      delete renamed.seed;
    }
    return renamed;
  },
});
