import { convertOpenAiUsage, createOpenAiCompatibleProvider } from '../openai-compatible/index.js';
import type { OpenAiCompatibleOperation } from '../openai-compatible/index.js';
import type { BackendTarget } from '../../spec/index.js';

/** The newest GA api-version (inference.json stable/2024-10-21); a connection may name another. */
export const DEFAULT_AZURE_OPENAI_API_VERSION = '2024-10-21';

/**
 * Azure OpenAI's deployment API: the deployment is in the path, the key in `api-key`. Bodies and streams
 * are OpenAI's, plus content-filter annotations (a first chunk with `choices: []` and `id: ""`, and
 * `content_filter_results` on choices) that the shared stream mapper already passes over.
 */
export function azureOpenAiEndpointUrl(input: {
  baseUrl: string;
  target: BackendTarget;
  operation: OpenAiCompatibleOperation;
}): string {
  // Operators paste the resource URL with or without the `/openai` segment; both mean the same resource.
  const resource = input.baseUrl.replace(/\/openai$/, '');
  const deployment = encodeURIComponent(input.target.model);
  const apiVersion = encodeURIComponent(input.target.connection.apiVersion ?? DEFAULT_AZURE_OPENAI_API_VERSION);
  return `${resource}/openai/deployments/${deployment}/${input.operation}?api-version=${apiVersion}`;
}

/** The resource's model listing, which answers only with a valid key: what a health probe needs. */
export function azureOpenAiProbeUrl(input: { baseUrl: string; target: BackendTarget }): string {
  const resource = input.baseUrl.replace(/\/openai$/, '');
  const apiVersion = encodeURIComponent(input.target.connection.apiVersion ?? DEFAULT_AZURE_OPENAI_API_VERSION);
  return `${resource}/openai/models?api-version=${apiVersion}`;
}

export const azureOpenAiProvider = createOpenAiCompatibleProvider({
  id: 'azure-openai',
  defaultBaseUrl: undefined,
  convertUsage: convertOpenAiUsage,
  supportsDeveloperRole: true,
  endpointUrl: azureOpenAiEndpointUrl,
  probeUrl: azureOpenAiProbeUrl,
  authHeaders: (apiKey) => ({ 'api-key': apiKey }),
});
