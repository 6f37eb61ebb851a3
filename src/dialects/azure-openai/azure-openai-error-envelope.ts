import { encodeSseData } from '../../kit/index.js';
import type { GatewayError, JsonObject } from '../../spec/index.js';
import type { RenderedError } from '../dialect.js';
import { openAiErrorType } from '../openai/index.js';
import { retryHeaders } from '../shared/retry-headers.js';
import { contentFilterInnerError } from '../shared/content-filter-inner-error.js';

// Azure OpenAI's own texts for the errors clients and tools recognise by body (api-contracts §5.4).
const INVALID_KEY_MESSAGE =
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';
const DEPLOYMENT_NOT_FOUND_MESSAGE =
  'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.';

/** `{"error":{"code","message","param","type"}}`, with Azure's exact bodies for 401 and the 404s. */
export function renderAzureOpenAiErrorBody(error: GatewayError): JsonObject {
  if (error.code === 'invalid_api_key') return { error: { code: '401', message: INVALID_KEY_MESSAGE } };
  if (error.code === 'model_not_found') {
    return { error: { code: 'DeploymentNotFound', message: DEPLOYMENT_NOT_FOUND_MESSAGE } };
  }
  if (error.code === 'unsupported_api_version' || error.code === 'not_found') {
    return { error: { code: '404', message: 'Resource not found' } };
  }
  const innerError = contentFilterInnerError(error);
  if (innerError !== undefined) {
    // Azure's exact shape for a filtered prompt: type null and the status repeated in the body.
    return {
      error: {
        message: error.message,
        type: null,
        param: error.param ?? 'prompt',
        code: error.code,
        status: error.status,
        innererror: innerError,
      },
    };
  }
  return {
    error: { code: error.code, message: error.message, param: error.param ?? null, type: openAiErrorType(error) },
  };
}

export function renderAzureOpenAiError(error: GatewayError, requestId: string): RenderedError {
  const body = renderAzureOpenAiErrorBody(error);
  const code = (body.error as { code: string }).code;
  return {
    status: error.status,
    headers: { 'apim-request-id': requestId, 'x-ms-error-code': code, ...retryHeaders(error) },
    body,
  };
}

export function renderAzureOpenAiStreamError(error: GatewayError): string {
  return encodeSseData(JSON.stringify(renderAzureOpenAiErrorBody(error)));
}
