import { encodeSseData } from '../../../src/kit/index.js';
import { isObject } from './deterministic-reply.js';
import { startEmulatorServer } from './emulator-server.js';
import type { Reply, VendorBehaviour } from './emulator-server.js';
import type { Emulator, OpenAiFlavor, RecordedRequest } from './emulator-types.js';
import { answerChatCompletion, answerEmbeddings } from './openai-chat-handler.js';
import {
  OPENAI_ERROR_FRAME_BODY,
  openAiError,
  openAiInvalidKey,
  openAiRateLimit,
  openAiStatusError,
} from './openai-errors.js';

export interface OpenAiStyleEmulatorOptions {
  flavor: OpenAiFlavor;
  apiKey?: string;
  /** Delay before every response (benchmarks). Default 0. */
  latencyMs?: number;
  /** How many deltas a streamed reply is split into. Default 3. */
  streamChunks?: number;
  /** The ids `GET /v1/models` lists (chat and embeddings accept any model). Default: a few of the flavor's own. */
  models?: string[];
  /** False keeps `requests` empty, for long benchmarks. Default true. */
  recordRequests?: boolean;
}

export const DEFAULT_STREAM_CHUNKS = 3;

const FLAVOR_MODELS: Record<OpenAiFlavor, { ownedBy: string; models: string[] }> = {
  openai: { ownedBy: 'system', models: ['gpt-4o', 'gpt-4o-mini', 'o3-mini', 'text-embedding-3-small'] },
  xai: { ownedBy: 'xai', models: ['grok-3', 'grok-3-mini', 'grok-4'] },
  deepseek: { ownedBy: 'deepseek', models: ['deepseek-chat', 'deepseek-reasoner'] },
  mistral: { ownedBy: 'mistralai', models: ['mistral-large-latest', 'mistral-small-latest', 'mistral-embed'] },
  gemini: { ownedBy: 'google', models: ['gemini-2.0-flash', 'gemini-2.5-pro', 'text-embedding-004'] },
  vllm: { ownedBy: 'vllm', models: ['Qwen/Qwen2.5-0.5B-Instruct'] },
};

const MODEL_CREATED = 1_700_000_000;

/** The response id each vendor uses: xAI adds its region suffix. */
function responseId(flavor: OpenAiFlavor, sequence: number): string {
  const serial = sequence.toString(16).padStart(12, '0');
  if (flavor === 'xai') return `00000000-0000-4000-8000-${serial}_us-east-1`;
  if (flavor === 'deepseek') return `00000000-0000-4000-9000-${serial}`;
  return `chatcmpl-emu${serial}`;
}

/** Starts an emulator of OpenAI's `/v1` API as `flavor` speaks it. */
export function startOpenAiStyleEmulator(options: OpenAiStyleEmulatorOptions): Promise<Emulator> {
  const { flavor } = options;
  const apiKey = options.apiKey ?? `sk-emulator-${flavor}`;
  const streamChunks = options.streamChunks ?? DEFAULT_STREAM_CHUNKS;
  const models = options.models ?? FLAVOR_MODELS[flavor].models;
  const ownedBy = FLAVOR_MODELS[flavor].ownedBy;
  const expectedAuthorization = `Bearer ${apiKey}`;
  let sequence = 0;

  const modelObject = (id: string) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: ownedBy });

  const vendor: VendorBehaviour = {
    answer(request: RecordedRequest): Reply {
      sequence += 1;
      const headers = { 'x-request-id': `req_emu${sequence}` };
      if (request.headers.authorization !== expectedAuthorization) {
        return withHeaders(openAiInvalidKey(request.headers.authorization), headers);
      }
      const { method, path } = request;
      if (method === 'POST' && path === '/v1/chat/completions') {
        return answerChatCompletion(request.body, { flavor, streamChunks, id: responseId(flavor, sequence), headers });
      }
      if (method === 'POST' && path === '/v1/embeddings') return answerEmbeddings(request.body, headers);
      if (method === 'GET' && path === '/v1/models') {
        return { kind: 'json', status: 200, body: { object: 'list', data: models.map(modelObject) }, headers };
      }
      if (method === 'GET' && path.startsWith('/v1/models/')) {
        const id = decodeURIComponent(path.slice('/v1/models/'.length));
        if (models.includes(id)) return { kind: 'json', status: 200, body: modelObject(id), headers };
        return withHeaders(openAiStatusError(404, id), headers);
      }
      return withHeaders(openAiError(404, `Invalid URL (${method} ${path})`), headers);
    },
    statusReply: (status, request) => openAiStatusError(status, requestedModel(request)),
    rateLimitReply: (seconds, request) => openAiRateLimit(seconds, requestedModel(request)),
    errorFrame: () => encodeSseData(JSON.stringify(OPENAI_ERROR_FRAME_BODY)),
  };
  return startEmulatorServer(vendor, {
    apiKey,
    basePath: '/v1',
    latencyMs: options.latencyMs ?? 0,
    recordRequests: options.recordRequests ?? true,
  });
}

function requestedModel(request: RecordedRequest): string {
  return isObject(request.body) && typeof request.body.model === 'string' ? request.body.model : '';
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
