import type { BackendTarget, CallContext, ChatRequest, ChatStreamEvent, ProviderId } from '../../spec/index.js';

// Builders for provider tests: the smallest valid canonical request, target and call context.

export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'my-deployment',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: false,
    includeUsage: false,
    extra: {},
    ...overrides,
  };
}

export function backendTarget(
  provider: ProviderId,
  baseUrl: string,
  model: string,
  connection: Partial<BackendTarget['connection']> = {},
): BackendTarget {
  return {
    connection: { name: `${provider}-test`, provider, baseUrl, apiKey: 'sk-test-secret-key', ...connection },
    model,
  };
}

export function callContext(overrides: Partial<CallContext> = {}): CallContext {
  return {
    requestId: 'req_test_1',
    signal: new AbortController().signal,
    warnings: [],
    unknownParameters: 'error',
    ...overrides,
  };
}

export async function collectEvents(events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const collected: ChatStreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}
