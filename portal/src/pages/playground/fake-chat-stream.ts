// For tests: chat completion streams as Hangar sends them, whole or fed piece by piece.

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** The frames of an answer: a role chunk, a chunk per piece of text, the finish, usage, [DONE]. */
export function chatFrames(pieces: readonly string[], usage: FakeUsage, model = 'chat'): string[] {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model, choices, usage: null, ...extra })}\n\n`;
  return [
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    ...pieces.map((piece) => chunk([{ index: 0, delta: { content: piece }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
    chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
    'data: [DONE]\n\n',
  ];
}

/** A 200 text/event-stream response of the frames, in one chunk. */
export function sseResponse(frames: readonly string[]): Response {
  const bytes = new TextEncoder().encode(frames.join(''));
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
  );
}

/** A stream the test feeds by hand, to see what renders between pieces. */
export function controlledStream(): {
  response: Response;
  push: (text: string) => void;
  close: () => void;
} {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(started) {
      controller = started;
    },
  });
  return {
    response: new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    push: (text) => controller?.enqueue(new TextEncoder().encode(text)),
    close: () => controller?.close(),
  };
}

/** An error answer in the OpenAI envelope. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
