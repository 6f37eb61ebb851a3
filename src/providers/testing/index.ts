export type { FakeUpstream, RecordedRequest, ScriptedReply } from './fake-upstream.js';
export { jsonReply, readFixture, sseReply, startFakeUpstream } from './fake-upstream.js';
export { backendTarget, callContext, chatRequest, collectEvents } from './test-requests.js';
