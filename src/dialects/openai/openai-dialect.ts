import type { Dialect } from '../dialect.js';
import { requireBodyObject } from '../validation/index.js';
import { parseOpenAiEmbeddings, renderOpenAiEmbeddings } from './openai-embeddings.js';
import { renderOpenAiError, renderOpenAiStreamError } from './openai-error-envelope.js';
import { missingModelError, parseOpenAiChat, readBodyModel } from './parse-openai-chat.js';
import { renderOpenAiChat } from './render-openai-chat.js';
import { renderOpenAiStream } from './render-openai-stream.js';

/**
 * OpenAI's own API (`/v1/chat/completions`, `/v1/embeddings`). Unknown keys are kept in `extra`:
 * OpenAI-compatible lanes forward them, translated lanes refuse them by name.
 */
export const openAiDialect: Dialect = {
  id: 'openai',
  parseChat(input) {
    const body = requireBodyObject(input.body);
    const model = readBodyModel(body);
    if (model === undefined) throw missingModelError();
    return { request: parseOpenAiChat(body, { model, maxStopSequences: 4 }), unknownParameters: 'error' };
  },
  renderChat(result) {
    return renderOpenAiChat(result);
  },
  renderChatStream(events, context) {
    return renderOpenAiStream(events, context, {
      reasoning: 'reasoning-content',
      usage: 'final-chunk',
      errorFrame: renderOpenAiStreamError,
      filterAnnotations: false,
    });
  },
  parseEmbeddings(input) {
    const body = requireBodyObject(input.body);
    const model = readBodyModel(body);
    if (model === undefined) throw missingModelError();
    return { request: parseOpenAiEmbeddings(body, model), unknownParameters: 'error' };
  },
  renderEmbeddings(result, context) {
    return renderOpenAiEmbeddings(result, context.request);
  },
  renderError: renderOpenAiError,
  renderStreamError: renderOpenAiStreamError,
};
