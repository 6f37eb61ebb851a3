export type { Dispatched, DispatchOptions } from './dispatch.js';
export { dispatchChat, dispatchChatStream, dispatchEmbeddings } from './dispatch.js';
export type { BackendOrder } from './order-backends.js';
export { orderBackends } from './order-backends.js';
export type { BreakerSnapshot, BreakerState } from './circuit-breaker.js';
export type { BackendHealthSnapshot } from './backend-health.js';
export { BackendHealth, DeploymentHealth, unknownBackendSnapshot } from './backend-health.js';
export { RoutingState } from './routing-state.js';
