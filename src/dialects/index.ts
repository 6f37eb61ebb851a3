import { anthropicDialect } from './anthropic/index.js';
import { azureInferenceDialect } from './azure-inference/index.js';
import { azureOpenAiDialect } from './azure-openai/index.js';
import type { Dialect, DialectId } from './dialect.js';
import { openAiDialect } from './openai/index.js';

export type {
  Dialect,
  DialectId,
  EmbeddingRenderContext,
  InboundRequest,
  ParsedChat,
  ParsedEmbeddings,
  RenderContext,
  RenderedError,
} from './dialect.js';
export { anthropicDialect } from './anthropic/index.js';
export { azureInferenceDialect, readAzureInferenceApiVersion, renderModelInfo } from './azure-inference/index.js';
export type { ModelInfoInput } from './azure-inference/index.js';
export { azureOpenAiDialect } from './azure-openai/index.js';
export { openAiDialect } from './openai/index.js';
export { modelNotFoundError } from './shared/model-not-found-error.js';
export { retryHeaders } from './shared/retry-headers.js';

/** Every inbound dialect by id; routes pick theirs here. */
export const DIALECTS: Readonly<Record<DialectId, Dialect>> = Object.freeze({
  openai: openAiDialect,
  'azure-inference': azureInferenceDialect,
  'azure-openai': azureOpenAiDialect,
  anthropic: anthropicDialect,
});
