import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ApiError } from '../../api/client';
import { buildChatBody, DEFAULT_SETTINGS } from './chat-request';
import { chatFrames, controlledStream, errorResponse, sseResponse } from './fake-chat-stream';
import { StreamStopped, streamChat, type ReplySoFar } from './stream-chat';

const original = globalThis.fetch;
const body = buildChatBody('chat', DEFAULT_SETTINGS, [{ role: 'user', content: 'hi' }], undefined);

function answerWith(response: () => Response): { requests: { url: string; init: RequestInit | undefined }[] } {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init });
    if (init?.signal?.aborted === true) return Promise.reject(new DOMException('aborted', 'AbortError'));
    return Promise.resolve(response());
  };
  return { requests };
}

/** A clock that moves 10 ms each time it is read. */
function ticking(): () => number {
  let time = 0;
  return () => (time += 10);
}

describe('streamChat', () => {
  afterEach(() => {
    globalThis.fetch = original;
  });

  it('posts the body with the key and reports text as it arrives, then usage and timings', async () => {
    const fake = answerWith(() =>
      sseResponse(chatFrames(['Hel', 'lo', '!'], { prompt_tokens: 9, completion_tokens: 3 })),
    );
    const seen: string[] = [];
    const reply = await streamChat({
      apiKey: 'sk-test',
      body,
      now: ticking(),
      onProgress: (sofar: ReplySoFar) => seen.push(sofar.content),
    });
    assert.deepEqual(seen, ['Hel', 'Hello', 'Hello!']);
    assert.equal(reply.content, 'Hello!');
    assert.equal(reply.finishReason, 'stop');
    assert.deepEqual(reply.usage, { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 });
    // The clock is read at the start (10), at the first text (20) and at the end (30).
    assert.equal(reply.firstTokenMs, 10);
    assert.equal(reply.latencyMs, 20);
    const request = fake.requests[0];
    assert.equal(request?.url, '/v1/chat/completions');
    assert.equal((request?.init?.headers as Record<string, string>).authorization, 'Bearer sk-test');
    assert.equal(typeof request?.init?.body, 'string');
    assert.deepEqual(JSON.parse(request?.init?.body as string), body);
  });

  it('assembles tool calls from their fragments and reads reasoning', async () => {
    const frame = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }], usage: null })}\n\n`;
    answerWith(() =>
      sseResponse([
        frame({ reasoning_content: 'thinking' }),
        frame({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'now', arguments: '' } }] }),
        frame({ tool_calls: [{ index: 0, function: { arguments: '{"tz":' } }] }),
        frame({ tool_calls: [{ index: 0, function: { arguments: '"UTC"}' } }] }, 'tool_calls'),
        'data: [DONE]\n\n',
      ]),
    );
    const reply = await streamChat({ apiKey: 'k', body });
    assert.equal(reply.reasoning, 'thinking');
    assert.deepEqual(reply.toolCalls, [
      { id: 'call_1', type: 'function', function: { name: 'now', arguments: '{"tz":"UTC"}' } },
    ]);
    assert.equal(reply.finishReason, 'tool_calls');
    assert.equal(reply.usage, null);
  });

  it('throws the API’s message and code for an HTTP error, with retry-after on a 429', async () => {
    answerWith(() => errorResponse(400, 'content_filter', 'The prompt was filtered by policy strict.'));
    await assert.rejects(streamChat({ apiKey: 'k', body }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'content_filter');
      assert.equal(error.message, 'The prompt was filtered by policy strict.');
      return true;
    });
    answerWith(() => errorResponse(429, 'rate_limit_exceeded', 'TPM 1000 spent.', { 'retry-after': '7' }));
    await assert.rejects(streamChat({ apiKey: 'k', body }), /TPM 1000 spent\. Retry after 7 s\./);
  });

  it('throws the error frame that ends a stream after it started', async () => {
    answerWith(() =>
      sseResponse([
        chatFrames(['Hi'], { prompt_tokens: 1, completion_tokens: 1 })[1] ?? '',
        'data: {"error":{"message":"The vendor failed (502).","type":"server_error","code":"upstream_error"}}\n\n',
      ]),
    );
    await assert.rejects(streamChat({ apiKey: 'k', body }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'upstream_error');
      assert.equal(error.message, 'The vendor failed (502).');
      return true;
    });
  });

  it('says so when a stream ends without [DONE]', async () => {
    answerWith(() => sseResponse(chatFrames(['Hi'], { prompt_tokens: 1, completion_tokens: 1 }).slice(0, 2)));
    await assert.rejects(streamChat({ apiKey: 'k', body }), /ended before the answer was complete/);
  });

  it('keeps what arrived when stopped', async () => {
    const stream = controlledStream();
    answerWith(() => stream.response);
    const abort = new AbortController();
    const pending = streamChat({
      apiKey: 'k',
      body,
      signal: abort.signal,
      onProgress: () => abort.abort(),
    });
    stream.push(chatFrames(['Partial'], { prompt_tokens: 1, completion_tokens: 1 }).slice(0, 2).join(''));
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof StreamStopped);
      assert.equal(error.partial.content, 'Partial');
      return true;
    });
  });
});
