export type { Dispatched, DispatchOptions } from './dispatch.js';
export { dispatchChat, dispatchChatStream, dispatchEmbeddings } from './dispatch.js';
