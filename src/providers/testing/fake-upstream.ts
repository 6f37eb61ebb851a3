import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { safeParseJson } from '../../kit/index.js';
import type { JsonValue } from '../../spec/index.js';

// Test support for provider tests: a real HTTP server on 127.0.0.1 that answers with recorded vendor
// payloads and records what it received, so a test can assert both sides of the wire.

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: JsonValue | undefined;
}

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Written as separate writes, so frames arrive split and packed as on a real network. */
  chunks: string[];
  /** After the chunks: end normally, destroy the socket (a cut connection), or keep it open. */
  ending?: 'end' | 'destroy' | 'hold';
}

export interface FakeUpstream {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queues the reply for the next request; `disconnected` resolves if the client leaves before its end. */
  reply(reply: ScriptedReply): { disconnected: Promise<void> };
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const queue: { reply: ScriptedReply; onDisconnect: () => void }[] = [];

  const server: Server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      const parsed = text === '' ? undefined : safeParseJson(text);
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: parsed?.ok ? parsed.value : undefined,
      });
      const next = queue.shift() ?? {
        reply: { status: 500, chunks: ['{"error":{"message":"no reply scripted"}}'] },
        onDisconnect: () => undefined,
      };
      void answer(response, next.reply, next.onDisconnect);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (reply) => {
      let onDisconnect: () => void = () => undefined;
      const disconnected = new Promise<void>((resolve) => {
        onDisconnect = resolve;
      });
      queue.push({ reply, onDisconnect });
      return { disconnected };
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function answer(response: ServerResponse, reply: ScriptedReply, onDisconnect: () => void): Promise<void> {
  response.on('close', () => {
    if (!response.writableFinished) onDisconnect();
  });
  response.writeHead(reply.status ?? 200, reply.headers ?? { 'content-type': 'application/json' });
  for (const chunk of reply.chunks) {
    response.write(chunk);
    // Yield to the event loop so each write can leave as its own packet.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ending = reply.ending ?? 'end';
  if (ending === 'end') response.end();
  else if (ending === 'destroy') response.socket?.destroy();
}

/** A recorded payload from a test's `__fixtures__` folder. */
export function readFixture(testFileUrl: string, name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, testFileUrl), 'utf8');
}

/** An SSE fixture as an event-stream reply, cut into pieces of `size` characters. */
export function sseReply(
  text: string,
  options: { size?: number; ending?: ScriptedReply['ending'] } = {},
): ScriptedReply {
  const size = options.size ?? 37;
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks, ending: options.ending };
}

export function jsonReply(text: string, status = 200, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, chunks: [text] };
}
