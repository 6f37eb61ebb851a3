import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { DIALECTS, type DialectId } from '../../dialects/index.js';
import { authenticateCaller } from '../authenticate-caller.js';
import { handleChat, type InferenceRequest, type InferenceRoute } from './chat-handler.js';
import { handleEmbeddings } from './embeddings-handler.js';
import type { InferenceServices } from './inference-services.js';
import { refuseOtherMethods } from './method-not-allowed.js';
import { getModel, listModels, modelInfo } from './models-handler.js';
import { trackInference } from './track-inference.js';

/** Every inference path Hangar serves, by dialect. Each route names its dialect for the error handler. */
export function registerInferenceRoutes(app: FastifyInstance, services: InferenceServices): void {
  // Authentication runs before the body is read, so a bad key never costs a parse.
  const authenticate = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    try {
      request.caller = authenticateCaller(request, services.registry);
      done();
    } catch (error) {
      done(error as Error);
    }
  };

  const chat = (dialectId: DialectId) => (request: InferenceRequest, reply: FastifyReply) =>
    trackInference(services, request, dialectId, 'chat', () =>
      handleChat(DIALECTS[dialectId], services, request, reply),
    );
  const embeddings = (dialectId: DialectId) => (request: InferenceRequest, reply: FastifyReply) =>
    trackInference(services, request, dialectId, 'embeddings', () =>
      handleEmbeddings(DIALECTS[dialectId], services, request, reply),
    );

  const post = (
    url: string,
    dialect: DialectId,
    handler: (request: InferenceRequest, reply: FastifyReply) => unknown,
  ) => {
    app.post<InferenceRoute>(url, { config: { dialect }, onRequest: authenticate }, handler);
    refuseOtherMethods(app, url, dialect, 'POST');
  };
  const get = (url: string, dialect: DialectId, handler: (request: InferenceRequest) => unknown) => {
    app.get<InferenceRoute>(url, { config: { dialect }, onRequest: authenticate }, handler);
    refuseOtherMethods(app, url, dialect, 'GET');
  };

  // OpenAI
  post('/v1/chat/completions', 'openai', chat('openai'));
  post('/v1/embeddings', 'openai', embeddings('openai'));
  get('/v1/models', 'openai', (request) => listModels(services, request));
  get('/v1/models/:model', 'openai', (request) => getModel(services, request));

  // Anthropic Messages
  post('/v1/messages', 'anthropic', chat('anthropic'));

  // Azure AI Model Inference (Foundry's unified /models endpoint)
  post('/models/chat/completions', 'azure-inference', chat('azure-inference'));
  post('/models/embeddings', 'azure-inference', embeddings('azure-inference'));
  get('/models/info', 'azure-inference', (request) => modelInfo(services, request));

  // Azure OpenAI: deployment routes, the v1 API, and the path AzureOpenAI builds on a /openai/v1 base (openai-node#1684)
  post('/openai/deployments/:deployment/chat/completions', 'azure-openai', chat('azure-openai'));
  post('/openai/deployments/:deployment/embeddings', 'azure-openai', embeddings('azure-openai'));
  post('/openai/v1/deployments/:deployment/chat/completions', 'azure-openai', chat('azure-openai'));
  post('/openai/v1/deployments/:deployment/embeddings', 'azure-openai', embeddings('azure-openai'));
  post('/openai/v1/chat/completions', 'azure-openai', chat('azure-openai'));
  post('/openai/v1/embeddings', 'azure-openai', embeddings('azure-openai'));
  get('/openai/v1/models', 'azure-openai', (request) => listModels(services, request));
  get('/openai/v1/models/:model', 'azure-openai', (request) => getModel(services, request));
}
