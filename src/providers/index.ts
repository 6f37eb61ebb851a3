import { GatewayError } from '../spec/index.js';
import type { ProviderAdapter, ProviderId } from '../spec/index.js';
import { anthropicProvider } from './anthropic/index.js';
import { azureOpenAiProvider } from './azure-openai/index.js';
import {
  deepSeekProvider,
  geminiProvider,
  genericOpenAiCompatibleProvider,
  llamaCppProvider,
  mistralProvider,
  ollamaProvider,
  openAiProvider,
  vllmProvider,
  xaiProvider,
} from './openai-compatible/index.js';

/** Every vendor provider, by id. `local` is the in-process engine's, created with it (providers/local). */
export const PROVIDERS: Readonly<Record<Exclude<ProviderId, 'local'>, ProviderAdapter>> = Object.freeze({
  openai: openAiProvider,
  'azure-openai': azureOpenAiProvider,
  xai: xaiProvider,
  deepseek: deepSeekProvider,
  mistral: mistralProvider,
  gemini: geminiProvider,
  anthropic: anthropicProvider,
  'openai-compatible': genericOpenAiCompatibleProvider,
  vllm: vllmProvider,
  ollama: ollamaProvider,
  llamacpp: llamaCppProvider,
});

export function providerFor(id: ProviderId): ProviderAdapter {
  if (id === 'local') {
    throw new GatewayError(
      'internal_error',
      'The "local" provider cannot serve requests: this process runs no local engine.',
    );
  }
  return PROVIDERS[id];
}
