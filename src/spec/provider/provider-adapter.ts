import type { ChatRequest } from '../chat/chat-request.js';
import type { ChatResult } from '../chat/chat-result.js';
import type { ChatStreamEvent } from '../chat/chat-stream-event.js';
import type { EmbeddingRequest } from '../embeddings/embedding-request.js';
import type { EmbeddingResult } from '../embeddings/embedding-result.js';
import type { BackendTarget, ProviderId } from './backend-target.js';
import type { CallContext } from './call-context.js';

/**
 * The egress contract. A provider turns a canonical request into its vendor's wire format and back.
 *
 * `streamChat` resolves once the upstream has answered with a success status, so a failure before the
 * first byte is still an ordinary HTTP error (and another backend may be tried); later failures arrive
 * as an `error` event. Breaking out of the iterator must abort the upstream call.
 */
export interface ProviderAdapter {
  readonly id: ProviderId;
  /** Base URL used when a connection does not name one. */
  readonly defaultBaseUrl: string | undefined;
  chat(request: ChatRequest, target: BackendTarget, context: CallContext): Promise<ChatResult>;
  streamChat(
    request: ChatRequest,
    target: BackendTarget,
    context: CallContext,
  ): Promise<AsyncIterable<ChatStreamEvent>>;
  embed(request: EmbeddingRequest, target: BackendTarget, context: CallContext): Promise<EmbeddingResult>;
  /**
   * A cheap call (a model listing, no generation) that proves the backend answers with these credentials; throws
   * the provider's usual GatewayError when it does not. Routing's health prober calls it off the request path.
   */
  probe?(target: BackendTarget, signal: AbortSignal): Promise<void>;
}
