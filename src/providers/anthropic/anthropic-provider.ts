import { decodeSse, readUpstreamJson, sendUpstream } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';
import type { BackendTarget, CallContext, ChatRequest, ProviderAdapter } from '../../spec/index.js';
import { cancellableStream, createUpstreamRequest, resolveBaseUrl, sendProbe } from '../shared/index.js';
import { buildAnthropicBody } from './anthropic-chat-request.js';
import { mapAnthropicResponse } from './anthropic-chat-response.js';
import { mapAnthropicStream } from './anthropic-chat-stream.js';

const PROVIDER_ID = 'anthropic';
const DEFAULT_BASE_URL = 'https://api.anthropic.com/v1';
/** The only version of the Messages API wire format. */
const ANTHROPIC_VERSION = '2023-06-01';

function messagesRequest(request: ChatRequest, target: BackendTarget, context: CallContext, stream: boolean) {
  const baseUrl = resolveBaseUrl(target.connection, DEFAULT_BASE_URL);
  const apiKey = target.connection.apiKey;
  return createUpstreamRequest({
    providerId: PROVIDER_ID,
    url: `${baseUrl}/messages`,
    target,
    context,
    authHeaders: apiKey === undefined || apiKey === '' ? {} : { 'x-api-key': apiKey },
    vendorHeaders: { 'anthropic-version': ANTHROPIC_VERSION },
    body: buildAnthropicBody(request, {
      model: target.model,
      stream,
      warnings: context.warnings,
      unknownParameters: context.unknownParameters,
    }),
    stream,
  });
}

/** Anthropic Messages, translated both ways. */
export const anthropicProvider: ProviderAdapter = {
  id: PROVIDER_ID,
  defaultBaseUrl: DEFAULT_BASE_URL,

  async chat(request, target, context) {
    const upstream = messagesRequest(request, target, context, false);
    const response = await sendUpstream(upstream);
    const json = await readUpstreamJson(upstream, response);
    return mapAnthropicResponse(json, { providerId: PROVIDER_ID, model: target.model });
  },

  async streamChat(request, target, context) {
    const upstream = messagesRequest(request, target, context, true);
    const response = await sendUpstream(upstream);
    const events = mapAnthropicStream(decodeSse(response.body), {
      providerId: PROVIDER_ID,
      model: target.model,
      signal: context.signal,
      secrets: upstream.secrets,
    });
    return cancellableStream(response.body, events);
  },

  embed() {
    return Promise.reject(
      new GatewayError(
        'invalid_request',
        'Anthropic has no embeddings API; deploy an embedding model from another provider.',
        { param: 'model' },
      ),
    );
  },

  async probe(target, signal) {
    const apiKey = target.connection.apiKey;
    await sendProbe({
      providerId: PROVIDER_ID,
      url: `${resolveBaseUrl(target.connection, DEFAULT_BASE_URL)}/models`,
      target,
      signal,
      authHeaders: apiKey === undefined || apiKey === '' ? {} : { 'x-api-key': apiKey },
      vendorHeaders: { 'anthropic-version': ANTHROPIC_VERSION },
    });
  },
};
