/**
 * Loopback vendor emulators: real HTTP servers on 127.0.0.1 that speak OpenAI (and xAI, DeepSeek, Mistral,
 * Gemini, vLLM), Azure OpenAI, Anthropic and Azure AI Content Safety wire formats, answer deterministically from
 * the request, record every request, and inject faults and stream framings on demand. The helpers below compute
 * what they answer.
 */
export type { Emulator, Fault, OpenAiFlavor, RecordedRequest, StreamFraming } from './emulator-types.js';
export type { OpenAiStyleEmulatorOptions } from './openai-style-emulator.js';
export { DEFAULT_STREAM_CHUNKS, startOpenAiStyleEmulator } from './openai-style-emulator.js';
export type { AzureOpenAiEmulatorOptions } from './azure-openai-emulator.js';
export { DEFAULT_AZURE_DEPLOYMENTS, startAzureOpenAiEmulator } from './azure-openai-emulator.js';
export {
  AZURE_CHOICE_FILTER_RESULTS,
  AZURE_CONTENT_FILTER_ERROR_BODY,
  AZURE_PROMPT_FILTER_RESULTS,
} from './azure-openai-wire.js';
export type {
  AzureContentSafetyEmulatorOptions,
  ContentSafetyCategory,
  ContentSafetyTrigger,
} from './azure-content-safety-emulator.js';
export {
  CONTENT_SAFETY_API_VERSIONS,
  DEFAULT_ATTACK_PHRASES,
  DEFAULT_CONTENT_SAFETY_TRIGGERS,
  startAzureContentSafetyEmulator,
} from './azure-content-safety-emulator.js';
export type { LlamaGuardEmulatorOptions } from './llama-guard-emulator.js';
export { startLlamaGuardEmulator } from './llama-guard-emulator.js';
export type { AnthropicEmulatorOptions } from './anthropic-emulator.js';
export { startAnthropicEmulator } from './anthropic-emulator.js';
export type { AnthropicUsage } from './anthropic-message.js';
export { expectedAnthropicUsage } from './anthropic-message.js';
export { expectedChatUsage } from './chat-plan.js';
export { DEFAULT_EMBEDDING_DIMENSIONS } from './embeddings-reply.js';
export {
  cachedTokensFor,
  countWords,
  echoText,
  embeddingToBase64,
  embeddingVector,
  jsonReplyText,
  lastUserText,
  promptCharacters,
  promptTokensFor,
  reasoningText,
  splitIntoPieces,
  toolArgumentsText,
} from './deterministic-reply.js';
