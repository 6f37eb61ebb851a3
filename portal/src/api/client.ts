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

/** Calls Hangar on the same origin and answers the parsed JSON, or throws ApiError with the API's message. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Hangar could not be reached. Check that the server is running.');
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

/** `{ data: [...] }` lists, as the admin API answers them. */
export interface ListAnswer<T> {
  data: T[];
}
