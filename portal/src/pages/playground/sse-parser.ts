/** One server-sent event: its `event:` name (absent for plain `data:` frames) and its data lines joined by \n. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/**
 * Parses a text/event-stream as it arrives, in chunks that may split a frame, a line or a CRLF anywhere (the
 * WHATWG rules, minus `id` and `retry`, which a chat stream does not use). EventSource cannot send a POST body or
 * an Authorization header, hence this.
 */
export class SseParser {
  private buffer = '';
  private event: string | undefined = undefined;
  private data: string[] = [];

  /** Feeds text; answers the events it completed. */
  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      if (end === -1) break;
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next one.
      if (this.buffer[end] === '\r' && end === this.buffer.length - 1) break;
      const width = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + width);
      const event = this.line(line);
      if (event !== undefined) events.push(event);
    }
    return events;
  }

  /** The stream ended: a last frame without its blank line still counts. */
  finish(): SseEvent[] {
    const events: SseEvent[] = [];
    const rest = this.buffer.replace(/\r$/, '');
    this.buffer = '';
    if (rest !== '') {
      const event = this.line(rest);
      if (event !== undefined) events.push(event);
    }
    const last = this.line('');
    if (last !== undefined) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = undefined;
        return undefined;
      }
      const event = { event: this.event, data: this.data.join('\n') };
      this.event = undefined;
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    return undefined;
  }
}

/** The events of a response body, decoded as UTF-8 across chunk boundaries; ends early when `signal` aborts. */
export async function* readSseEvents(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  // Cancelling ends a pending read at once, whether or not the body's source heeds the signal itself.
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.finish();
  } finally {
    signal?.removeEventListener('abort', cancel);
    // Stops the download when the reader leaves early (an error frame handled, [DONE] read).
    cancel();
  }
}
