import type {
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  EmbeddingRequest,
  EmbeddingResult,
  GatewayError,
  JsonObject,
  JsonValue,
} from '../spec/index.js';

export type DialectId = 'openai' | 'azure-inference' | 'azure-openai' | 'anthropic';

/** What a route hands a dialect to parse: the decoded body and the parts of the URL and headers that matter. */
export interface InboundRequest {
  body: JsonValue;
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
  /** Deployment named in the path (`/openai/deployments/{deployment}/...`); wins over the body's `model`. */
  pathDeployment?: string;
}

export interface ParsedChat {
  request: ChatRequest;
  /** How the client wants unknown parameters treated on lanes that cannot forward them (Azure `extra-parameters`). */
  unknownParameters: 'error' | 'drop' | 'pass-through';
}

export interface ParsedEmbeddings {
  request: EmbeddingRequest;
  unknownParameters: 'error' | 'drop' | 'pass-through';
}

/** Facts a renderer needs that are not in the result itself. */
export interface RenderContext {
  requestId: string;
  /** The request as parsed: renderers read `includeUsage`, `n`, the requested model name. */
  request: ChatRequest;
  /** Query parameters of the inbound call (Azure renderers read `api-version`). */
  query: Record<string, string | undefined>;
}

export interface EmbeddingRenderContext {
  requestId: string;
  request: EmbeddingRequest;
  query: Record<string, string | undefined>;
}

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

/**
 * The ingress contract: one per wire dialect. Parsing throws GatewayError for bad input, naming the
 * parameter; rendering never throws. Stream renderers yield complete SSE frames (text) ready to write.
 */
export interface Dialect {
  readonly id: DialectId;
  parseChat(input: InboundRequest): ParsedChat;
  renderChat(result: ChatResult, context: RenderContext): JsonObject;
  renderChatStream(events: AsyncIterable<ChatStreamEvent>, context: RenderContext): AsyncIterable<string>;
  parseEmbeddings(input: InboundRequest): ParsedEmbeddings;
  renderEmbeddings(result: EmbeddingResult, context: EmbeddingRenderContext): JsonObject;
  /** The error as this dialect's clients expect it: envelope, status and headers such as `x-ms-error-code`. */
  renderError(error: GatewayError, requestId: string): RenderedError;
  /** An error after the stream began: one SSE frame, after which the route closes the connection. */
  renderStreamError(error: GatewayError): string;
}
