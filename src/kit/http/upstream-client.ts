import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { GatewayError } from '../../spec/index.js';
import type { JsonValue } from '../../spec/index.js';
import { safeParseJson } from '../json/parse-json.js';
import { upstreamStatusError } from './upstream-status-error.js';

export interface UpstreamRequest {
  providerId: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Time allowed until the response headers arrive (first byte for streams). */
  timeoutMs: number;
  /** Time allowed to open a new TCP/TLS connection; absent: the shared pool's 10 s. */
  connectTimeoutMs?: number;
  /** Longest silence between two body chunks; absent: 300 s. */
  idleTimeoutMs?: number;
  /** Secrets to scrub from any upstream text that might be shown to a client. */
  secrets: readonly string[];
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown; text(): Promise<string> };
}

/** Upstream bodies are streamed; these bound a silent upstream, not a slow long generation. */
const BODY_IDLE_TIMEOUT_MS = 300_000;

// One keep-alive pool per origin, shared by every provider: connection reuse is most of the latency budget.
const sharedAgent = new Agent({
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 600_000,
  connections: 256,
  pipelining: 1,
});

/** undici's own connect timeout, which the shared pool keeps. */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
// A connect timeout is a setting of the pool, not of one request, so each other value gets a pool of its own.
const agentsByConnectTimeout = new Map<number, Agent>();

export function upstreamDispatcher(connectTimeoutMs?: number): Dispatcher {
  if (connectTimeoutMs === undefined || connectTimeoutMs === DEFAULT_CONNECT_TIMEOUT_MS) return sharedAgent;
  let agent = agentsByConnectTimeout.get(connectTimeoutMs);
  if (agent === undefined) {
    agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      connections: 256,
      pipelining: 1,
      connect: { timeout: connectTimeoutMs },
    });
    agentsByConnectTimeout.set(connectTimeoutMs, agent);
  }
  return agent;
}

/**
 * Sends one upstream request and resolves once headers arrive. A non-2xx answer is read, turned into a
 * GatewayError that names the upstream status (and keeps its retry-after), and thrown.
 */
export async function sendUpstream(upstream: UpstreamRequest): Promise<UpstreamResponse> {
  const response = await requestWithDeadline(upstream);
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }
  let text = '';
  try {
    text = await response.body.text();
  } catch {
    // The error body is a courtesy; the status alone still says what happened.
  }
  throw upstreamStatusError({
    providerId: upstream.providerId,
    status: response.statusCode,
    headers: response.headers,
    bodyText: text,
    secrets: upstream.secrets,
  });
}

/**
 * undici's headersTimeout ticks coarsely (its timers fire on a half-second grid), which is fine for the
 * usual deadlines of seconds or minutes and costs nothing extra. A deadline shorter than that gets a timer
 * of its own that aborts the request, cleared as soon as headers arrive so long streams are left alone.
 */
const COARSE_TIMER_LIMIT_MS = 2_000;

async function requestWithDeadline(upstream: UpstreamRequest): Promise<Dispatcher.ResponseData> {
  const options = {
    method: upstream.method,
    headers: upstream.headers,
    body: upstream.body,
    dispatcher: upstreamDispatcher(upstream.connectTimeoutMs),
    bodyTimeout: upstream.idleTimeoutMs ?? BODY_IDLE_TIMEOUT_MS,
  };
  if (upstream.timeoutMs >= COARSE_TIMER_LIMIT_MS) {
    try {
      return await request(upstream.url, { ...options, signal: upstream.signal, headersTimeout: upstream.timeoutMs });
    } catch (error) {
      throw error instanceof undiciErrors.HeadersTimeoutError
        ? timeoutError(upstream.providerId, upstream.timeoutMs, error)
        : connectionError(upstream, error);
    }
  }
  const controller = new AbortController();
  let timedOut = false;
  const onClientAbort = () => controller.abort();
  if (upstream.signal.aborted) controller.abort();
  else upstream.signal.addEventListener('abort', onClientAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, upstream.timeoutMs);
  try {
    // The client's signal keeps cancelling the body through this controller after headers arrive.
    return await request(upstream.url, { ...options, signal: controller.signal, headersTimeout: 0 });
  } catch (error) {
    upstream.signal.removeEventListener('abort', onClientAbort);
    throw timedOut ? timeoutError(upstream.providerId, upstream.timeoutMs, error) : connectionError(upstream, error);
  } finally {
    clearTimeout(timer);
  }
}

function timeoutError(providerId: string, timeoutMs: number, cause: unknown): GatewayError {
  return new GatewayError('upstream_timeout', `The upstream (${providerId}) did not answer within ${timeoutMs} ms.`, {
    cause,
    upstream: { providerId },
  });
}

/** Reads a whole successful upstream body as JSON; a body that is not JSON is the upstream's fault. */
export async function readUpstreamJson(upstream: UpstreamRequest, response: UpstreamResponse): Promise<JsonValue> {
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw connectionError(upstream, error);
  }
  const parsed = safeParseJson(text);
  if (!parsed.ok) {
    throw new GatewayError(
      'upstream_error',
      `The upstream (${upstream.providerId}) answered with a body that is not JSON.`,
      {
        upstream: { providerId: upstream.providerId, status: response.status },
      },
    );
  }
  return parsed.value;
}

/** Maps a failure to reach or read the upstream into the error table. */
export function connectionError(
  upstream: Pick<UpstreamRequest, 'providerId' | 'signal'>,
  error: unknown,
): GatewayError {
  if (error instanceof GatewayError) return error;
  const providerId = upstream.providerId;
  if (upstream.signal.aborted) {
    return new GatewayError('client_closed_request', 'The client closed the request.', {
      cause: error,
      upstream: { providerId },
    });
  }
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new GatewayError('upstream_timeout', `The upstream (${providerId}) did not answer in time.`, {
      cause: error,
      upstream: { providerId },
    });
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return new GatewayError('upstream_unavailable', `The upstream (${providerId}) could not be reached (${code}).`, {
      cause: error,
      upstream: { providerId },
    });
  }
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return new GatewayError('upstream_error', `The connection to the upstream (${providerId}) failed${detail}.`, {
    cause: error,
    upstream: { providerId },
  });
}
