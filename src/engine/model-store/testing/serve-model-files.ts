import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFile {
  body: Buffer;
  /** Sent as `ETag`; default the body's sha256 in quotes, as Hugging Face's CDN does. */
  etag?: string;
  /** Answer every request with the whole file (200), as servers without Range support do. */
  ignoreRange?: boolean;
  /** Default `application/octet-stream`. */
  contentType?: string;
  /** Extra response headers, e.g. a `Link` to the next page of a listing. */
  headers?: Record<string, string>;
  /** Send the body at this pace (in 50 ms steps) rather than at once, so progress can be watched. */
  bytesPerSecond?: number;
}

/** A JSON answer (an API response rather than a file). */
export function servedJson(value: unknown, headers: Record<string, string> = {}): ServedFile {
  return { body: Buffer.from(JSON.stringify(value)), contentType: 'application/json', ignoreRange: true, headers };
}

export interface ServedRedirect {
  location: string;
  /** Extra headers on the redirect, e.g. Hugging Face's `x-linked-etag`. */
  headers?: Record<string, string>;
}

export interface ModelFileServer {
  url: string;
  /** Every request seen, in order. */
  requests: { path: string; range: string | undefined }[];
  /** The next response that sends body bytes destroys its socket after this many of them. */
  cutNextAfter(bytes: number): void;
  close(): Promise<void>;
}

/**
 * A loopback file server with `Accept-Ranges`, Range → 206, 416 past the end, ETags and redirects. Paths are
 * matched with their query string, so `/api/models/o/r/tree/main?recursive=1` can be served too.
 */
export async function serveModelFiles(
  files: Record<string, ServedFile>,
  redirects: Record<string, ServedRedirect> = {},
): Promise<ModelFileServer> {
  const requests: ModelFileServer['requests'] = [];
  let cutAfter: number | undefined;

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    const range = request.headers.range;
    requests.push({ path, range });
    const redirect = redirects[path];
    if (redirect !== undefined) {
      response.writeHead(302, { location: redirect.location, ...redirect.headers });
      response.end();
      return;
    }
    const file = files[path];
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Entry not found');
      return;
    }
    const length = file.body.length;
    const etag = file.etag ?? `"${createHash('sha256').update(file.body).digest('hex')}"`;
    const match = file.ignoreRange === true ? null : /^bytes=(\d+)-$/.exec(range ?? '');
    const start = match === null ? 0 : Number(match[1]);
    if (start >= length && match !== null) {
      response.writeHead(416, { 'content-range': `bytes */${length}` });
      response.end();
      return;
    }
    const headers = {
      'accept-ranges': file.ignoreRange === true ? 'none' : 'bytes',
      'content-type': file.contentType ?? 'application/octet-stream',
      'content-length': String(length - start),
      etag,
      ...file.headers,
    };
    if (match === null) response.writeHead(200, headers);
    else response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${length - 1}/${length}` });

    const body = file.body.subarray(start);
    if (file.bytesPerSecond !== undefined) {
      sendPaced(response, body, file.bytesPerSecond);
      return;
    }
    if (cutAfter === undefined) {
      response.end(body);
      return;
    }
    const cut = cutAfter;
    cutAfter = undefined;
    response.write(body.subarray(0, cut), () => response.socket?.destroy());
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutNextAfter(bytes) {
      cutAfter = bytes;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

function sendPaced(response: ServerResponse, body: Buffer, bytesPerSecond: number): void {
  const step = Math.max(1, Math.floor(bytesPerSecond / 20));
  let sent = 0;
  const timer = setInterval(() => {
    if (response.destroyed) {
      clearInterval(timer);
      return;
    }
    const chunk = body.subarray(sent, sent + step);
    sent += chunk.length;
    if (sent >= body.length) {
      clearInterval(timer);
      response.end(chunk);
    } else response.write(chunk);
  }, 50);
  response.once('close', () => clearInterval(timer));
}
