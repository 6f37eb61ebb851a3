/** An admin API answer that was not 2xx: the API's own message, ready to show in words. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly param: string | undefined;

  constructor(status: number, message: string, code?: string, param?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bearer token: a session token, an admin key, or (for inference) an API key. */
  token?: string | null;
  signal?: AbortSignal;
}

/** Reads `error.message` from any of Hangar's envelopes (admin, OpenAI, Azure, Anthropic). */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null) {
      const { message, code, param } = error as { message?: unknown; code?: unknown; param?: unknown };
      return new ApiError(
        status,
        typeof message === 'string' ? message : `The request failed (${status}).`,
        typeof code === 'string' ? code : undefined,
        typeof param === 'string' ? param : undefined,
      );
    }
  }
  return new ApiError(status, `The request failed (${status}).`);
}

/** Sends the call; a network failure becomes ApiError, an abort stays an AbortError. */
async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Hangar could not be reached. Check that the server is running.');
  }
}

/** The answer's body: parsed JSON, else the text as it is (an error page, say), else undefined. */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Calls Hangar on the same origin and answers the parsed JSON, or throws ApiError with the API's message. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const body = await readBody(response);
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

/** `{ data: [...] }` lists, as the admin API answers them. */
export interface ListAnswer<T> {
  data: T[];
}

/**
 * Calls an admin route that answers JSON lines (application/x-ndjson), handing each parsed line to `onLine` as it
 * arrives. An answer that is not 2xx throws ApiError before any line, as `request` does.
 */
export async function requestJsonLines<T>(
  path: string,
  options: RequestOptions,
  onLine: (line: T) => void,
): Promise<void> {
  const response = await send(path, options);
  if (!response.ok || response.body === null) throw errorFromBody(response.status, await readBody(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(JSON.parse(line) as T);
  }
  if (pending.trim() !== '') onLine(JSON.parse(pending) as T);
}
