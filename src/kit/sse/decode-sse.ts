import type { SseEvent } from './sse-event.js';

/**
 * The one SSE decoder (WHATWG event-stream rules). Handles CRLF, CR and LF line ends; `:` comments such
 * as keep-alive pings; multi-line `data:`; events split across reads or packed several to a read; and
 * UTF-8 characters split between chunks. A frame still open when the stream ends is dispatched too,
 * because upstreams that close without a final blank line still meant it.
 */
export async function* decodeSse(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let eventName: string | undefined;
  let dataLines: string[] = [];
  let id: string | undefined;
  // A chunk that ended in "\r" may be half of a "\r\n": the "\n" at the start of the next chunk is skipped.
  let skipLeadingLineFeed = false;

  function takeLine(line: string): SseEvent | undefined {
    if (line === '') {
      if (dataLines.length === 0) {
        eventName = undefined;
        return undefined;
      }
      const event: SseEvent = { event: eventName, data: dataLines.join('\n'), id };
      eventName = undefined;
      dataLines = [];
      return event;
    }
    if (line.charCodeAt(0) === 58 /* ':' */) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
    else if (field === 'event') eventName = value;
    else if (field === 'id') id = value;
    return undefined;
  }

  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (skipLeadingLineFeed && buffer.charCodeAt(0) === 10) buffer = buffer.slice(1);
    skipLeadingLineFeed = false;
    let start = 0;
    for (;;) {
      const lineFeed = buffer.indexOf('\n', start);
      const carriageReturn = buffer.indexOf('\r', start);
      let end: number;
      if (carriageReturn === -1 || (lineFeed !== -1 && lineFeed < carriageReturn)) end = lineFeed;
      else end = carriageReturn;
      if (end === -1) break;
      const line = buffer.slice(start, end);
      if (buffer.charCodeAt(end) === 13) {
        if (end + 1 === buffer.length) {
          skipLeadingLineFeed = true;
          start = end + 1;
        } else start = buffer.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
      } else start = end + 1;
      const event = takeLine(line);
      if (event !== undefined) yield event;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  if (buffer !== '') {
    const event = takeLine(buffer);
    if (event !== undefined) yield event;
  }
  const last = takeLine('');
  if (last !== undefined) yield last;
}
