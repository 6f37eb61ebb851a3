import { open, rm, stat } from 'node:fs/promises';
import { request } from 'undici';
import { ModelStoreError } from './model-store-error.js';
import { megabytes, networkError } from './network-error.js';
import { sha256FromEtag } from './sha256-file.js';

/** undici's `request`, or a stand-in with its shape (tests, proxies). */
export type RequestFunction = typeof request;

export interface DownloadOptions {
  /** Bytes on disk so far (including a resumed part) and the full size when the server said it. */
  onProgress?: (received: number, total: number | undefined) => void;
  signal?: AbortSignal;
  request?: RequestFunction;
}

export interface DownloadResult {
  sizeBytes: number;
  /** Bytes already on disk from an earlier, interrupted download that the server let us continue. */
  resumedFromBytes: number;
  /** A sha256 the server vouched for: Hugging Face's `x-linked-etag`, or an `etag` that is a sha256. */
  advertisedSha256?: string;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads `url` into `destination`, continuing a file left there by an interrupted run with
 * `Range: bytes=<size>-`. A server that answers 200 instead of 206 sends the whole file again, so the file
 * restarts cleanly. Redirects are followed here rather than by undici because Hugging Face puts the file's
 * sha256 on the redirect itself.
 */
export async function downloadFile(
  url: string,
  destination: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const existing = await sizeOf(destination);
  const first = await fetchFrom(url, destination, existing, options);
  if (first.kind === 'restart') {
    await rm(destination, { force: true });
    const again = await fetchFrom(url, destination, 0, options);
    if (again.kind === 'restart') throw new ModelStoreError('download_failed', `${url} did not send the file.`);
    return again.result;
  }
  return first.result;
}

type Attempt = { kind: 'done'; result: DownloadResult } | { kind: 'restart' };

async function fetchFrom(
  url: string,
  destination: string,
  existing: number,
  options: DownloadOptions,
): Promise<Attempt> {
  const send = options.request ?? request;
  let location = url;
  let advertised: string | undefined;
  let response: Awaited<ReturnType<RequestFunction>>;
  for (let redirects = 0; ; redirects += 1) {
    try {
      response = await send(location, {
        method: 'GET',
        headers: {
          'user-agent': 'hangar',
          ...(existing > 0 ? { range: `bytes=${existing}-` } : {}),
        },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      throw downloadError(error, location, existing, options.signal);
    }
    advertised ??= sha256FromEtag(response.headers['x-linked-etag']);
    const target = header(response.headers.location);
    if (!REDIRECTS.has(response.statusCode) || target === undefined) break;
    await response.body.dump();
    if (redirects >= MAX_REDIRECTS) {
      throw new ModelStoreError('download_failed', `${url} redirected more than ${MAX_REDIRECTS} times.`);
    }
    location = new URL(target, location).href;
  }
  advertised ??= sha256FromEtag(response.headers.etag);

  const status = response.statusCode;
  let start = 0;
  let total: number | undefined;
  if (status === 206) {
    const range = parseContentRange(header(response.headers['content-range']));
    if (range === undefined || range.start !== existing) {
      await response.body.dump();
      return { kind: 'restart' };
    }
    start = existing;
    total = range.total;
  } else if (status === 200) {
    total = numberOrUndefined(header(response.headers['content-length']));
  } else if (status === 416 && existing > 0) {
    // The range starts at or past the end: either the file was complete already, or it changed upstream.
    await response.body.dump();
    const range = parseContentRange(header(response.headers['content-range']));
    if (range?.total === existing) {
      options.onProgress?.(existing, existing);
      return {
        kind: 'done',
        result: { sizeBytes: existing, resumedFromBytes: existing, ...withSha(advertised) },
      };
    }
    return { kind: 'restart' };
  } else {
    await response.body.dump();
    throw statusError(status, url);
  }

  let received = start;
  const handle = await open(destination, start === 0 ? 'w' : 'a');
  try {
    options.onProgress?.(received, total);
    for await (const chunk of response.body) {
      const bytes = chunk as Buffer;
      await handle.write(bytes);
      received += bytes.length;
      options.onProgress?.(received, total);
    }
  } catch (error) {
    throw downloadError(error, location, received, options.signal);
  } finally {
    await handle.close();
  }
  if (total !== undefined && received !== total) {
    throw new ModelStoreError(
      'network',
      `The download from ${new URL(location).host} ended after ${megabytes(received)} of ${megabytes(total)}; ` +
        'run the same command again to resume.',
    );
  }
  return { kind: 'done', result: { sizeBytes: received, resumedFromBytes: start, ...withSha(advertised) } };
}

function withSha(sha256: string | undefined): { advertisedSha256?: string } {
  return sha256 === undefined ? {} : { advertisedSha256: sha256 };
}

function statusError(status: number, url: string): ModelStoreError {
  if (status === 404) {
    return new ModelStoreError('not_found', `Nothing found at ${url} (404); check the source's spelling.`);
  }
  if (status === 401 || status === 403) {
    return new ModelStoreError(
      'download_failed',
      `${url} refused access (${status}); the repository may be gated or private, and Hangar sends no token.`,
    );
  }
  return new ModelStoreError(
    'download_failed',
    `${url} answered ${status}; try again later (the download resumes where it stopped).`,
  );
}

function downloadError(error: unknown, url: string, received: number, signal: AbortSignal | undefined) {
  return networkError(error, { url, what: 'The download', receivedBytes: received, signal, resumable: true });
}

function parseContentRange(value: string | undefined): { start?: number; total?: number } | undefined {
  const match = /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  return {
    ...(match[1] === undefined ? {} : { start: Number(match[1]) }),
    ...(match[2] === undefined || match[2] === '*' ? {} : { total: Number(match[2]) }),
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function numberOrUndefined(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
