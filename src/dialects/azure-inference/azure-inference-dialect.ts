import { GatewayError } from '../../spec/index.js';
import type { JsonObject } from '../../spec/index.js';
import type { Dialect, InboundRequest } from '../dialect.js';
import { parseOpenAiChat, readBodyModel, renderOpenAiChat, renderOpenAiStream } from '../openai/index.js';
import type { OpenAiChatKey } from '../openai/index.js';
import { headerValue } from '../shared/header-value.js';
import { requireBodyObject } from '../validation/index.js';
import { reasoningStyleFor, readAzureInferenceApiVersion } from './azure-inference-api-version.js';
import { parseAzureInferenceEmbeddings, renderAzureInferenceEmbeddings } from './azure-inference-embeddings.js';
import {
  AZURE_INFERENCE_NO_MODEL_MESSAGE,
  renderAzureInferenceError,
  renderAzureInferenceStreamError,
} from './azure-inference-error-envelope.js';
import {
  applyExtraParameters,
  readExtraParametersMode,
  type ExtraParametersMode,
} from './azure-inference-extra-parameters.js';

/** The chat parameters of the Azure AI Model Inference schema (api-contracts §4.5); the rest are extras. */
const AZURE_INFERENCE_CHAT_KEYS: ReadonlySet<OpenAiChatKey> = new Set<OpenAiChatKey>([
  'messages',
  'frequency_penalty',
  'presence_penalty',
  'temperature',
  'top_p',
  'max_tokens',
  'response_format',
  'stop',
  'tools',
  'tool_choice',
  'seed',
  'stream',
]);

/**
 * Azure AI Model Inference (`/models/chat/completions`, `/models/embeddings`): OpenAI-shaped bodies,
 * a strict schema whose extras obey the `extra-parameters` header, usage on the last stream chunk
 * always, and reasoning shaped by api-version.
 */
export const azureInferenceDialect: Dialect = {
  id: 'azure-inference',
  parseChat(input) {
    const { body, model, mode } = readAzureInferenceInput(input);
    const request = parseOpenAiChat(body, { model, recognisedKeys: AZURE_INFERENCE_CHAT_KEYS });
    request.extra = applyExtraParameters(request.extra, mode);
    // The service ends every stream with usage, asked for or not.
    request.includeUsage = true;
    return { request, unknownParameters: mode };
  },
  renderChat(result, context) {
    return renderOpenAiChat(result, { reasoning: reasoningStyleFor(context.query) });
  },
  renderChatStream(events, context) {
    return renderOpenAiStream(events, context, {
      reasoning: reasoningStyleFor(context.query),
      usage: 'finish-chunk',
      errorFrame: renderAzureInferenceStreamError,
      filterAnnotations: true,
    });
  },
  parseEmbeddings(input) {
    const { body, model, mode } = readAzureInferenceInput(input);
    const request = parseAzureInferenceEmbeddings(body, model);
    request.extra = applyExtraParameters(request.extra, mode);
    return { request, unknownParameters: mode };
  },
  renderEmbeddings(result, context) {
    return renderAzureInferenceEmbeddings(result, context.request, context.requestId);
  },
  renderError: renderAzureInferenceError,
  renderStreamError: renderAzureInferenceStreamError,
};

function readAzureInferenceInput(input: InboundRequest): {
  body: JsonObject;
  model: string;
  mode: ExtraParametersMode;
} {
  readAzureInferenceApiVersion(input.query);
  const body = requireBodyObject(input.body);
  const model = readBodyModel(body) ?? headerValue(input.headers, 'x-ms-model-mesh-model-name');
  if (model === undefined)
    throw new GatewayError('missing_model', AZURE_INFERENCE_NO_MODEL_MESSAGE, { param: 'model' });
  return { body, model, mode: readExtraParametersMode(input.headers) };
}
