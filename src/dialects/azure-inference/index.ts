export { azureInferenceDialect } from './azure-inference-dialect.js';
export type { AzureInferenceApiVersion } from './azure-inference-api-version.js';
export { readAzureInferenceApiVersion, reasoningStyleFor } from './azure-inference-api-version.js';
export type { ExtraParametersMode } from './azure-inference-extra-parameters.js';
export { applyExtraParameters, readExtraParametersMode } from './azure-inference-extra-parameters.js';
export { parseAzureInferenceEmbeddings, renderAzureInferenceEmbeddings } from './azure-inference-embeddings.js';
export {
  AZURE_INFERENCE_NO_MODEL_MESSAGE,
  renderAzureInferenceError,
  renderAzureInferenceErrorBody,
  renderAzureInferenceStreamError,
} from './azure-inference-error-envelope.js';
export type { ModelInfoInput } from './render-model-info.js';
export { renderModelInfo } from './render-model-info.js';
