export type {
  OpenAiChatCallInput,
  OpenAiCompatibleOperation,
  OpenAiCompatibleProviderOptions,
} from './openai-compatible-provider.js';
export { createOpenAiCompatibleProvider } from './openai-compatible-provider.js';
export { convertOpenAiUsage } from './convert-openai-usage.js';
export { mapOpenAiFinishReason } from './map-openai-finish-reason.js';
export { openAiProvider } from './presets/openai.js';
export { xaiProvider } from './presets/xai.js';
export { deepSeekProvider } from './presets/deepseek.js';
export { mistralProvider } from './presets/mistral.js';
export { geminiProvider } from './presets/gemini.js';
export { vllmProvider } from './presets/vllm.js';
export { ollamaProvider } from './presets/ollama.js';
export { llamaCppProvider } from './presets/llamacpp.js';
export { genericOpenAiCompatibleProvider } from './presets/openai-compatible.js';
