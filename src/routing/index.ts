export type { Dispatched, DispatchOptions } from './dispatch.js';
export { dispatchChat, dispatchChatStream, dispatchEmbeddings } from './dispatch.js';
export type { BackendOrder } from './order-backends.js';
export { orderBackends } from './order-backends.js';
