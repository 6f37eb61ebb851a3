import { encodeSseData } from '../../kit/index.js';
import type { GatewayError, JsonObject } from '../../spec/index.js';
import type { RenderedError } from '../dialect.js';
import { modelNameOf } from '../shared/model-not-found-error.js';
import { retryHeaders } from '../shared/retry-headers.js';
import { contentFilterInnerError } from '../shared/content-filter-inner-error.js';

/** Azure's own text for a request without a model (api-contracts §4.6); clients match on the code. */
export const AZURE_INFERENCE_NO_MODEL_MESSAGE =
  'No model specified in request. Please provide a model name in the request body or as a x-ms-model-mesh-model-name header.';

/** `{"error":{"code","message","details"?}}`, with Azure's codes for the errors it names. */
export function renderAzureInferenceErrorBody(error: GatewayError): JsonObject {
  if (error.code === 'missing_model') {
    return {
      error: {
        code: 'no_model_name',
        message: AZURE_INFERENCE_NO_MODEL_MESSAGE,
        details: AZURE_INFERENCE_NO_MODEL_MESSAGE,
      },
    };
  }
  if (error.code === 'model_not_found') {
    const name = modelNameOf(error);
    const message = name === undefined ? error.message : `Unknown model: ${name}`;
    return { error: { code: 'unknown_model', message, details: message } };
  }
  if (error.code === 'unsupported_api_version' || error.code === 'not_found') {
    return { error: { code: '404', message: 'Resource not found' } };
  }
  const innerError = contentFilterInnerError(error);
  if (innerError !== undefined) {
    return {
      error: {
        code: error.code,
        message: error.message,
        param: error.param ?? 'prompt',
        status: error.status,
        innererror: innerError,
      },
    };
  }
  return { error: { code: error.code, message: error.message } };
}

export function renderAzureInferenceError(error: GatewayError, requestId: string): RenderedError {
  const body = renderAzureInferenceErrorBody(error);
  const code = (body.error as { code: string }).code;
  return {
    status: error.status,
    headers: { 'apim-request-id': requestId, 'x-ms-error-code': code, ...retryHeaders(error) },
    body,
  };
}

export function renderAzureInferenceStreamError(error: GatewayError): string {
  return encodeSseData(JSON.stringify(renderAzureInferenceErrorBody(error)));
}
