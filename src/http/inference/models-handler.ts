import type { FastifyRequest } from 'fastify';
import type { AuthenticatedCaller, ResolvedDeployment } from '../../control/registry-types.js';
import { modelNotFoundError, readAzureInferenceApiVersion, renderModelInfo } from '../../dialects/index.js';
import { GatewayError, type JsonObject, type ProviderId } from '../../spec/index.js';
import type { InferenceServices } from './inference-services.js';

/** OpenAI's model object, for a deployment: clients list deployments as models and call them by name. */
function modelObject(deployment: ResolvedDeployment): JsonObject {
  return {
    id: deployment.name,
    object: 'model',
    created: Math.floor(deployment.createdAt / 1000),
    owned_by: deployment.backends[0]?.connection.provider ?? 'hangar',
  };
}

function callerOf(request: FastifyRequest): AuthenticatedCaller {
  if (request.caller === null) throw new GatewayError('invalid_api_key', 'The request was not authenticated.');
  return request.caller;
}

/** The deployments a key may see: its project's, narrowed to the key's scope when it has one. */
function visibleDeployments(services: InferenceServices, caller: AuthenticatedCaller): ResolvedDeployment[] {
  const deployments = services.registry.listDeployments(caller.projectId);
  const scope = caller.deployments;
  return scope === null ? deployments : deployments.filter((deployment) => scope.has(deployment.name.toLowerCase()));
}

function visibleDeployment(
  services: InferenceServices,
  caller: AuthenticatedCaller,
  name: string,
): ResolvedDeployment | undefined {
  const deployment = services.registry.resolveDeployment(caller.projectId, name);
  if (deployment === undefined || caller.deployments === null) return deployment;
  return caller.deployments.has(deployment.name.toLowerCase()) ? deployment : undefined;
}

export function listModels(services: InferenceServices, request: FastifyRequest): JsonObject {
  return { object: 'list', data: visibleDeployments(services, callerOf(request)).map(modelObject) };
}

export function getModel(
  services: InferenceServices,
  request: FastifyRequest<{ Params: { model?: string } }>,
): JsonObject {
  const name = request.params.model ?? '';
  const deployment = visibleDeployment(services, callerOf(request), name);
  if (deployment === undefined) {
    throw modelNotFoundError(name);
  }
  return modelObject(deployment);
}

const PROVIDER_DISPLAY_NAMES: Record<ProviderId, string> = {
  openai: 'OpenAI',
  'azure-openai': 'OpenAI',
  xai: 'xAI',
  deepseek: 'DeepSeek',
  mistral: 'Mistral AI',
  gemini: 'Google',
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible',
  vllm: 'vLLM',
  ollama: 'Ollama',
  llamacpp: 'llama.cpp',
  local: 'Hangar',
};

/**
 * Azure AI Model Inference `GET /models/info`. A project with one deployment needs no name, as a
 * serverless endpoint serves one model; otherwise the name comes from `model` or the model-mesh header.
 */
export function modelInfo(
  services: InferenceServices,
  request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>,
): JsonObject {
  readAzureInferenceApiVersion(request.query);
  const caller = callerOf(request);
  const header = request.headers['x-ms-model-mesh-model-name'];
  const name = request.query.model ?? (typeof header === 'string' ? header : undefined);
  let deployment: ResolvedDeployment | undefined;
  if (name !== undefined) {
    deployment = visibleDeployment(services, caller, name);
    if (deployment === undefined) throw modelNotFoundError(name);
  } else {
    const deployments = visibleDeployments(services, caller);
    if (deployments.length !== 1) {
      throw new GatewayError(
        'missing_model',
        'This endpoint serves several deployments: name one with the `model` query parameter or the x-ms-model-mesh-model-name header.',
        { param: 'model' },
      );
    }
    deployment = deployments[0];
  }
  if (deployment === undefined) throw modelNotFoundError('');
  const provider = deployment.backends[0]?.connection.provider ?? 'local';
  return renderModelInfo({
    modelName: deployment.model,
    modelProviderName: PROVIDER_DISPLAY_NAMES[provider],
    // Until the catalog records each model's kind, the model id is the only hint Hangar has.
    modelType: /embed/i.test(deployment.model) ? 'embeddings' : 'chat-completion',
  });
}
