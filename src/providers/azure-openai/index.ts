export {
  DEFAULT_AZURE_OPENAI_API_VERSION,
  azureOpenAiEndpointUrl,
  azureOpenAiProvider,
} from './azure-openai-provider.js';
