export { azureOpenAiDialect } from './azure-openai-dialect.js';
export { checkAzureOpenAiApiVersion } from './azure-openai-api-version.js';
export {
  renderAzureOpenAiError,
  renderAzureOpenAiErrorBody,
  renderAzureOpenAiStreamError,
} from './azure-openai-error-envelope.js';
