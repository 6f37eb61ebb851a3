import { GatewayError } from '../../spec/index.js';
import type { Dialect } from '../dialect.js';
import { readBodyModel, renderOpenAiEmbeddings } from '../openai/index.js';
import { requireBodyObject } from '../validation/index.js';
import { renderAnthropicError, renderAnthropicStreamError } from './anthropic-error-envelope.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';
import { renderAnthropicMessage } from './render-anthropic-message.js';
import { renderAnthropicStream } from './render-anthropic-stream.js';

/** Anthropic's Messages API served inbound (`POST /v1/messages`), whatever the upstream. */
export const anthropicDialect: Dialect = {
  id: 'anthropic',
  parseChat(input) {
    const body = requireBodyObject(input.body);
    const model = readBodyModel(body);
    if (model === undefined) throw new GatewayError('missing_model', "'model' is required.", { param: 'model' });
    return { request: parseAnthropicRequest(body, model), unknownParameters: 'error' };
  },
  renderChat(result, context) {
    return renderAnthropicMessage(result, context.requestId);
  },
  renderChatStream(events, context) {
    return renderAnthropicStream(events, context);
  },
  parseEmbeddings() {
    throw new GatewayError('not_found', 'The Anthropic API has no embeddings endpoint.');
  },
  // Unreachable while parseEmbeddings refuses; rendering must not throw, so it answers in OpenAI's shape.
  renderEmbeddings(result, context) {
    return renderOpenAiEmbeddings(result, context.request);
  },
  renderError: renderAnthropicError,
  renderStreamError: renderAnthropicStreamError,
};
