import type { JsonObject } from '../../spec/index.js';
import type { Dialect, InboundRequest } from '../dialect.js';
import {
  missingModelError,
  parseOpenAiChat,
  parseOpenAiEmbeddings,
  readBodyModel,
  renderOpenAiChat,
  renderOpenAiEmbeddings,
  renderOpenAiStream,
} from '../openai/index.js';
import { requireBodyObject } from '../validation/index.js';
import { checkAzureOpenAiApiVersion } from './azure-openai-api-version.js';
import { renderAzureOpenAiError, renderAzureOpenAiStreamError } from './azure-openai-error-envelope.js';

/**
 * Azure OpenAI (`/openai/deployments/{deployment}/…?api-version=…` and `/openai/v1/…`): OpenAI's body
 * and responses, Azure's versioning, deployment-in-path and error envelope.
 */
export const azureOpenAiDialect: Dialect = {
  id: 'azure-openai',
  parseChat(input) {
    const { body, model } = readAzureOpenAiInput(input);
    return { request: parseOpenAiChat(body, { model, maxStopSequences: 4 }), unknownParameters: 'error' };
  },
  renderChat(result) {
    return renderOpenAiChat(result);
  },
  renderChatStream(events, context) {
    return renderOpenAiStream(events, context, {
      reasoning: 'reasoning-content',
      usage: 'final-chunk',
      errorFrame: renderAzureOpenAiStreamError,
      filterAnnotations: true,
    });
  },
  parseEmbeddings(input) {
    const { body, model } = readAzureOpenAiInput(input);
    return { request: parseOpenAiEmbeddings(body, model), unknownParameters: 'error' };
  },
  renderEmbeddings(result, context) {
    return renderOpenAiEmbeddings(result, context.request);
  },
  renderError: renderAzureOpenAiError,
  renderStreamError: renderAzureOpenAiStreamError,
};

/** The deployment in the path wins over the body's `model`, which `AzureOpenAI` also sends. */
function readAzureOpenAiInput(input: InboundRequest): { body: JsonObject; model: string } {
  checkAzureOpenAiApiVersion(input);
  const body = requireBodyObject(input.body);
  const model = input.pathDeployment ?? readBodyModel(body);
  if (model === undefined || model === '') throw missingModelError();
  return { body, model };
}
