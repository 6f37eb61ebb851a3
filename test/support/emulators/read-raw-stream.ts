import { safeParseJson } from '../../../src/kit/index.js';

/** What a client saw on the wire: each read as it arrived, and the whole text. */
export interface RawStream {
  status: number;
  headers: Headers;
  reads: string[];
  text: string;
}

/** Posts JSON and keeps every network read separately, so tests can see how frames were cut and packed. */
export async function readRawStream(url: string, headers: Record<string, string>, body: unknown): Promise<RawStream> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const reads: string[] = [];
  const decoder = new TextDecoder();
  if (response.body !== null) {
    for await (const chunk of response.body) reads.push(decoder.decode(chunk, { stream: true }));
  }
  return { status: response.status, headers: response.headers, reads, text: reads.join('') };
}

/** Splits an SSE text into the JSON payloads of its `data:` lines (skipping `[DONE]`). */
export function dataPayloads(text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => {
      const parsed = safeParseJson(line.slice('data: '.length));
      if (!parsed.ok) throw parsed.error;
      return parsed.value;
    });
}
