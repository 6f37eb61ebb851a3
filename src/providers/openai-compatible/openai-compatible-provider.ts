import { decodeSse, readUpstreamJson, sendUpstream } from '../../kit/index.js';
import type {
  BackendTarget,
  CallContext,
  ChatRequest,
  FinishReason,
  JsonObject,
  ProviderAdapter,
  ProviderId,
  Usage,
} from '../../spec/index.js';
import { cancellableStream, createUpstreamRequest, resolveBaseUrl, sendProbe } from '../shared/index.js';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.js';
import { buildOpenAiChatBody } from './openai-compatible-chat-request.js';
import { mapOpenAiChatResponse } from './openai-compatible-chat-response.js';
import { mapOpenAiChatStream } from './openai-compatible-chat-stream.js';
import { buildOpenAiEmbeddingBody, mapOpenAiEmbeddingResponse } from './openai-compatible-embeddings.js';

export type OpenAiCompatibleOperation = 'chat/completions' | 'embeddings';

export interface OpenAiChatCallInput {
  request: ChatRequest;
  target: BackendTarget;
  context: CallContext;
}

export interface OpenAiCompatibleProviderOptions {
  id: ProviderId;
  /** Undefined when every connection must name its own server. */
  defaultBaseUrl: string | undefined;
  /** The vendor's usage object into disjoint buckets. */
  convertUsage: (raw: JsonObject) => Usage;
  /** Vendor rules on the canonical request: return it with settings dropped (warn) or throw to refuse. */
  prepareRequest?: (input: OpenAiChatCallInput) => ChatRequest;
  /** Last word on the wire body: renames a vendor insists on. */
  transformBody?: (body: JsonObject, input: OpenAiChatCallInput) => JsonObject;
  mapFinishReason?: (raw: string | null | undefined) => FinishReason;
  /** Default false: only OpenAI-operated endpoints are known to take the `developer` role. */
  supportsDeveloperRole?: boolean;
  /** Default true; false for vendors that reject `stream_options` (they must send usage on their own). */
  supportsStreamOptions?: boolean;
  /** Default `${baseUrl}/${operation}`. */
  endpointUrl?: (input: { baseUrl: string; target: BackendTarget; operation: OpenAiCompatibleOperation }) => string;
  /** Where a health probe lists models; default `${baseUrl}/models`. */
  probeUrl?: (input: { baseUrl: string; target: BackendTarget }) => string;
  /** Default `Authorization: Bearer <key>`. */
  authHeaders?: (apiKey: string) => Record<string, string>;
}

/** A provider for any upstream that speaks Chat Completions; vendors differ only in the options. */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleProviderOptions): ProviderAdapter {
  const mapFinishReason = options.mapFinishReason ?? mapOpenAiFinishReason;
  const authHeaders = options.authHeaders ?? ((apiKey: string) => ({ authorization: `Bearer ${apiKey}` }));
  const endpointUrl =
    options.endpointUrl ?? ((input: { baseUrl: string; operation: string }) => `${input.baseUrl}/${input.operation}`);

  function upstreamFor(target: BackendTarget, context: CallContext, operation: OpenAiCompatibleOperation) {
    const baseUrl = resolveBaseUrl(target.connection, options.defaultBaseUrl);
    const apiKey = target.connection.apiKey;
    return (body: JsonObject, stream: boolean) =>
      createUpstreamRequest({
        providerId: options.id,
        url: endpointUrl({ baseUrl, target, operation }),
        target,
        context,
        authHeaders: apiKey === undefined || apiKey === '' ? {} : authHeaders(apiKey),
        body,
        stream,
      });
  }

  function chatBody(input: OpenAiChatCallInput, stream: boolean): JsonObject {
    const request = options.prepareRequest?.(input) ?? input.request;
    const body = buildOpenAiChatBody(request, {
      model: input.target.model,
      stream,
      supportsDeveloperRole: options.supportsDeveloperRole ?? false,
      supportsStreamOptions: options.supportsStreamOptions ?? true,
      unknownParameters: input.context.unknownParameters,
      warnings: input.context.warnings,
    });
    return options.transformBody?.(body, { ...input, request }) ?? body;
  }

  return {
    id: options.id,
    defaultBaseUrl: options.defaultBaseUrl,

    async chat(request, target, context) {
      const upstream = upstreamFor(
        target,
        context,
        'chat/completions',
      )(chatBody({ request, target, context }, false), false);
      const response = await sendUpstream(upstream);
      const json = await readUpstreamJson(upstream, response);
      return mapOpenAiChatResponse(json, {
        providerId: options.id,
        model: target.model,
        convertUsage: options.convertUsage,
        mapFinishReason,
        messages: request.messages,
      });
    },

    async streamChat(request, target, context) {
      const upstream = upstreamFor(
        target,
        context,
        'chat/completions',
      )(chatBody({ request, target, context }, true), true);
      const response = await sendUpstream(upstream);
      const events = mapOpenAiChatStream(decodeSse(response.body), {
        providerId: options.id,
        model: target.model,
        convertUsage: options.convertUsage,
        mapFinishReason,
        messages: request.messages,
        signal: context.signal,
        secrets: upstream.secrets,
      });
      return cancellableStream(response.body, events);
    },

    async embed(request, target, context) {
      const body = buildOpenAiEmbeddingBody(request, target.model, context.warnings);
      const upstream = upstreamFor(target, context, 'embeddings')(body, false);
      const response = await sendUpstream(upstream);
      const json = await readUpstreamJson(upstream, response);
      return mapOpenAiEmbeddingResponse(json, { providerId: options.id, model: target.model });
    },

    async probe(target, signal) {
      const baseUrl = resolveBaseUrl(target.connection, options.defaultBaseUrl);
      const apiKey = target.connection.apiKey;
      await sendProbe({
        providerId: options.id,
        url: options.probeUrl?.({ baseUrl, target }) ?? `${baseUrl}/models`,
        target,
        signal,
        authHeaders: apiKey === undefined || apiKey === '' ? {} : authHeaders(apiKey),
      });
    },
  };
}
