import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { safeParseJson } from '../../../src/kit/index.js';
import type { Emulator, Fault, RecordedRequest, StreamFraming } from './emulator-types.js';
import { writeFramedStream } from './stream-framing.js';

export interface JsonReply {
  kind: 'json';
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface StreamReply {
  kind: 'stream';
  headers?: Record<string, string>;
  /** Complete SSE frames with `\n` line endings, in order (the framing decides how they reach the wire). */
  frames: string[];
}

export type Reply = JsonReply | StreamReply;

/** What differs between vendors: how they answer, and what their errors look like. */
export interface VendorBehaviour {
  answer(request: RecordedRequest): Reply;
  /** The vendor's own error reply for a status (used by the `status` fault when it gives no body). */
  statusReply(status: number, request: RecordedRequest): JsonReply;
  /** The vendor's exact 429 with `retry-after` and `retry-after-ms`. */
  rateLimitReply(retryAfterSeconds: number, request: RecordedRequest): JsonReply;
  /** The vendor's mid-stream error frame (`\n` line endings). */
  errorFrame(): string;
}

export interface EmulatorServerOptions {
  apiKey: string;
  /** Appended to the url to make the base url a client is configured with. */
  basePath: string;
  latencyMs?: number;
  /** False keeps `requests` empty (long benchmarks); default true. */
  recordRequests?: boolean;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

/** Starts a loopback server that records every request, applies the injected fault and answers as `vendor`. */
export async function startEmulatorServer(vendor: VendorBehaviour, options: EmulatorServerOptions): Promise<Emulator> {
  const requests: RecordedRequest[] = [];
  let active: ActiveFault | undefined;
  let framing: StreamFraming = {};
  let clientAborts = 0;
  const latencyMs = options.latencyMs ?? 0;
  const recordRequests = options.recordRequests ?? true;

  function takeFault(): Fault | undefined {
    if (active === undefined) return undefined;
    const { fault } = active;
    active.remaining -= 1;
    if (active.remaining <= 0) active = undefined;
    return fault;
  }

  async function respond(request: RecordedRequest, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const fault = takeFault();
    let abortedByServer = false;
    outgoing.on('close', () => {
      if (!outgoing.writableFinished && !abortedByServer) clientAborts += 1;
    });
    const destroy = (): void => {
      abortedByServer = true;
      incoming.socket.destroy();
    };
    if (fault?.kind === 'reset') {
      destroy();
      return;
    }
    if (latencyMs > 0) await delay(latencyMs);
    if (fault?.kind === 'slow-first-byte') await delay(fault.delayMs);
    if (outgoing.destroyed) return;
    const reply = replyFor(vendor, request, fault);
    if (reply.kind === 'json') {
      writeJson(outgoing, reply, fault?.kind === 'cut-stream' ? destroy : undefined);
      return;
    }
    outgoing.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...reply.headers,
    });
    let frames = reply.frames;
    if (fault?.kind === 'cut-stream') frames = frames.slice(0, fault.afterChunks);
    if (fault?.kind === 'error-frame') frames = [...frames.slice(0, fault.afterChunks), vendor.errorFrame()];
    await writeFramedStream(outgoing, frames, framing);
    if (outgoing.destroyed) return;
    if (fault?.kind === 'cut-stream') destroy();
    else outgoing.end();
  }

  const server = createServer((incoming, outgoing) => {
    let rawBody = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => {
      rawBody += chunk;
    });
    incoming.on('end', () => {
      const request = recordRequest(incoming, rawBody);
      if (recordRequests) requests.push(request);
      respond(request, incoming, outgoing).catch((error: unknown) => {
        if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'text/plain' });
        outgoing.end(`emulator failure: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseUrl: url + options.basePath,
    apiKey: options.apiKey,
    requests,
    get clientAborts() {
      return clientAborts;
    },
    setFault(fault) {
      active = fault === undefined ? undefined : { fault, remaining: fault.times ?? Number.POSITIVE_INFINITY };
    },
    setFraming(next) {
      framing = { ...next };
    },
    reset() {
      requests.length = 0;
      active = undefined;
      framing = {};
      clientAborts = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function replyFor(vendor: VendorBehaviour, request: RecordedRequest, fault: Fault | undefined): Reply {
  switch (fault?.kind) {
    case 'status': {
      const reply = vendor.statusReply(fault.status, request);
      return {
        kind: 'json',
        status: fault.status,
        body: fault.body ?? reply.body,
        headers: { ...reply.headers, ...fault.headers },
      };
    }
    case 'rate-limit':
      return vendor.rateLimitReply(fault.retryAfterSeconds, request);
    case 'error-frame': {
      const reply = vendor.answer(request);
      return reply.kind === 'stream' || reply.status !== 200 ? reply : vendor.statusReply(500, request);
    }
    case 'cut-stream':
    case 'reset':
    case 'slow-first-byte':
    case undefined:
      return vendor.answer(request);
  }
}

function writeJson(outgoing: ServerResponse, reply: JsonReply, cut: (() => void) | undefined): void {
  const text = JSON.stringify(reply.body);
  outgoing.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  if (cut === undefined) {
    outgoing.end(text);
    return;
  }
  outgoing.write(text.slice(0, Math.floor(text.length / 2)), () => cut());
}

function recordRequest(incoming: IncomingMessage, rawBody: string): RecordedRequest {
  const target = incoming.url ?? '/';
  const queryStart = target.indexOf('?');
  const query: Record<string, string> = {};
  if (queryStart >= 0) {
    for (const [name, value] of new URLSearchParams(target.slice(queryStart + 1))) query[name] = value;
  }
  let body: unknown;
  if (rawBody.length > 0) {
    const parsed = safeParseJson(rawBody);
    if (parsed.ok) body = parsed.value;
  }
  return {
    method: incoming.method ?? 'GET',
    path: queryStart >= 0 ? target.slice(0, queryStart) : target,
    query,
    headers: incoming.headers,
    body,
    rawBody,
    receivedAt: Date.now(),
  };
}
