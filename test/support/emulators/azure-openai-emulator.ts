import { encodeSseData } from '../../../src/kit/index.js';
import {
  AZURE_API_VERSIONS,
  AZURE_V1_API_VERSIONS,
  annotateChunks,
  annotateCompletion,
  azureDeploymentNotFound,
  azureInvalidKey,
  azureRateLimit,
  azureResourceNotFound,
  azureStatusError,
} from './azure-openai-wire.js';
import { isObject } from './deterministic-reply.js';
import { startEmulatorServer } from './emulator-server.js';
import type { Reply, VendorBehaviour } from './emulator-server.js';
import type { Emulator, RecordedRequest } from './emulator-types.js';
import { answerChatCompletion, answerEmbeddings } from './openai-chat-handler.js';
import { OPENAI_ERROR_FRAME_BODY } from './openai-errors.js';
import { DEFAULT_STREAM_CHUNKS } from './openai-style-emulator.js';

export interface AzureOpenAiEmulatorOptions {
  apiKey?: string;
  /** Deployment name → the model it serves (reported as `model`). */
  deployments?: Record<string, string>;
  latencyMs?: number;
  streamChunks?: number;
  /** False keeps `requests` empty, for long benchmarks. Default true. */
  recordRequests?: boolean;
}

export const DEFAULT_AZURE_DEPLOYMENTS: Record<string, string> = {
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'o3-mini': 'o3-mini-2025-01-31',
  'text-embedding-3-small': 'text-embedding-3-small',
};

const DEFAULT_API_VERSION = '2024-10-21';

/** The pieces of an Azure path: `/openai/deployments/{d}/{operation}` or `/openai/v1/[deployments/{d}/]{operation}`. */
interface AzureRoute {
  v1: boolean;
  deployment?: string;
  operation: 'chat/completions' | 'embeddings' | 'models';
}

function parseRoute(method: string, path: string): AzureRoute | undefined {
  const match = /^\/openai\/(v1\/)?(?:deployments\/([^/]+)\/)?(chat\/completions|embeddings|models)$/.exec(path);
  if (match === null) return undefined;
  const [, v1, deployment, operation] = match;
  const route: AzureRoute = { v1: v1 !== undefined, operation: operation as AzureRoute['operation'] };
  if (deployment !== undefined) route.deployment = decodeURIComponent(deployment);
  if (route.operation === 'models')
    return route.v1 && route.deployment === undefined && method === 'GET' ? route : undefined;
  if (method !== 'POST') return undefined;
  if (!route.v1 && route.deployment === undefined) return undefined;
  return route;
}

function operationName(path: string): string {
  return path.endsWith('/embeddings') ? 'Embeddings_Create' : 'ChatCompletions_Create';
}

/** Starts an emulator of an Azure OpenAI resource (deployment API and `/openai/v1`). */
export function startAzureOpenAiEmulator(options: AzureOpenAiEmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? 'azure-emulator-key';
  const deployments = options.deployments ?? DEFAULT_AZURE_DEPLOYMENTS;
  const streamChunks = options.streamChunks ?? DEFAULT_STREAM_CHUNKS;
  let sequence = 0;

  const authorised = (request: RecordedRequest, v1: boolean): boolean =>
    request.headers['api-key'] === apiKey || (v1 && request.headers.authorization === `Bearer ${apiKey}`);

  const vendor: VendorBehaviour = {
    answer(request: RecordedRequest): Reply {
      sequence += 1;
      const serial = sequence.toString(16).padStart(12, '0');
      const headers = {
        'apim-request-id': `00000000-0000-4000-a000-${serial}`,
        'x-request-id': `00000000-0000-4000-b000-${serial}`,
        'x-ms-region': 'East US',
        'x-ratelimit-remaining-requests': '119',
        'x-ratelimit-remaining-tokens': '19913',
      };
      const route = parseRoute(request.method, request.path);
      if (!authorised(request, route?.v1 ?? false)) return withHeaders(azureInvalidKey(), headers);
      if (route === undefined) return withHeaders(azureResourceNotFound(), headers);
      const apiVersion = request.query['api-version'];
      const versionKnown = route.v1
        ? apiVersion === undefined || AZURE_V1_API_VERSIONS.has(apiVersion)
        : apiVersion !== undefined && AZURE_API_VERSIONS.has(apiVersion);
      if (!versionKnown) return withHeaders(azureResourceNotFound(), headers);
      if (route.operation === 'models') {
        const data = Object.keys(deployments).map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'system',
        }));
        return { kind: 'json', status: 200, body: { object: 'list', data }, headers };
      }
      const deployment =
        route.deployment ??
        (isObject(request.body) && typeof request.body.model === 'string' ? request.body.model : '');
      const model = deployments[deployment];
      if (model === undefined) return withHeaders(azureDeploymentNotFound(), headers);
      if (route.operation === 'embeddings') return answerEmbeddings(request.body, headers, model);
      return answerChatCompletion(request.body, {
        flavor: 'openai',
        streamChunks,
        id: `chatcmpl-emu${serial}`,
        headers,
        model,
        decorateBody: annotateCompletion,
        decorateChunks: annotateChunks,
      });
    },
    statusReply: (status, request) =>
      azureStatusError(status, operationName(request.path), request.query['api-version'] ?? DEFAULT_API_VERSION),
    rateLimitReply: (seconds, request) =>
      azureRateLimit(seconds, operationName(request.path), request.query['api-version'] ?? DEFAULT_API_VERSION),
    errorFrame: () => encodeSseData(JSON.stringify(OPENAI_ERROR_FRAME_BODY)),
  };
  return startEmulatorServer(vendor, {
    apiKey,
    basePath: '',
    latencyMs: options.latencyMs ?? 0,
    recordRequests: options.recordRequests ?? true,
  });
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
