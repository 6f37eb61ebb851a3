export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';
export { isJsonObject } from './json.js';
export type {
  CacheControl,
  ChatMessage,
  ContentPart,
  ResponseFormat,
  ToolCall,
  ToolChoice,
  ToolDefinition,
} from './chat/chat-message.js';
export type { ChatRequest, ChatSettingKey } from './chat/chat-request.js';
export type { ChatChoice, ChatResult } from './chat/chat-result.js';
export type { ChatStreamEvent } from './chat/chat-stream-event.js';
export type { FinishReason, UnifiedFinishReason } from './chat/finish-reason.js';
export type { Usage } from './usage/usage.js';
export { EMPTY_USAGE, completionTokens, promptTokens, totalTokens } from './usage/usage.js';
export type { EmbeddingRequest } from './embeddings/embedding-request.js';
export type { EmbeddingResult } from './embeddings/embedding-result.js';
export type { ErrorCode } from './errors/error-codes.js';
export { ERROR_CODES, HTTP_STATUS_BY_ERROR_CODE, httpStatusOf } from './errors/error-codes.js';
export type { GatewayErrorOptions, UpstreamFailure } from './errors/gateway-error.js';
export { GatewayError, toGatewayError } from './errors/gateway-error.js';
export type { BackendTarget, Connection, ProviderId } from './provider/backend-target.js';
export { PROVIDER_IDS } from './provider/backend-target.js';
export type { DeploymentTypeOption, VersionUpgradeOption } from './deployment/deployment-options.js';
export {
  DEFAULT_DEPLOYMENT_TYPE,
  DEFAULT_VERSION_UPGRADE,
  DEPLOYMENT_TYPE_OPTIONS,
  MAXIMUM_BACKEND_WEIGHT,
  MINIMUM_BACKEND_WEIGHT,
  VERSION_UPGRADE_OPTIONS,
} from './deployment/deployment-options.js';
export type { RoutedBackend } from './deployment/routed-backend.js';
export type {
  BreakerPolicy,
  RoutingPolicy,
  RoutingPolicyInput,
  RoutingStrategy,
  TimeoutPolicy,
} from './deployment/routing-policy.js';
export { DEFAULT_ROUTING_POLICY, ROUTING_STRATEGIES, resolveRoutingPolicy } from './deployment/routing-policy.js';
export type { RoutingPolicyView, RoutingPolicyWire } from './deployment/routing-policy-wire.js';
export { routingPolicyFromWire, routingPolicyView } from './deployment/routing-policy-wire.js';
export type { CallContext } from './provider/call-context.js';
export type { UpstreamAttemptObserver } from './provider/upstream-attempt-observer.js';
export type { ProviderAdapter } from './provider/provider-adapter.js';
export type { SettingWarning } from './provider/setting-warning.js';
export { describeWarning } from './provider/setting-warning.js';
export { countPromptCharacters, estimateTokens, estimatedUsage } from './usage/estimate-usage.js';
export type {
  BlocklistResults,
  ContentFilterOffsets,
  ContentFilterResults,
  DetectionResult,
  HarmCategory,
  PiiKind,
  PiiResult,
  PromptFilterResult,
  Severity,
  SeverityResult,
} from './safety/content-filter-results.js';
export { HARM_CATEGORIES, PII_KINDS, SEVERITIES, anyFiltered } from './safety/content-filter-results.js';
