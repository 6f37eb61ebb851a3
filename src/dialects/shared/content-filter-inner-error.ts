import type { GatewayError, JsonObject } from '../../spec/index.js';

/**
 * Azure's `innererror` of a prompt refused by the content filter, as observed on the wire (api-contracts §5.4):
 * `content_filter_result`, singular, which is what Azure's SDKs, LiteLLM and pydantic-ai parse.
 */
export function contentFilterInnerError(error: GatewayError): JsonObject | undefined {
  if (error.contentFilter === undefined) return undefined;
  return {
    code: 'ResponsibleAIPolicyViolation',
    content_filter_result: error.contentFilter as unknown as JsonObject,
  };
}
