import type { JsonReply } from './emulator-server.js';

/** OpenAI's error envelope: `{"error":{"message","type","param","code"}}`. */
export function openAiError(
  status: number,
  message: string,
  details: { type?: string | null; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
): JsonReply {
  return {
    kind: 'json',
    status,
    body: {
      error: {
        message,
        type: details.type ?? 'invalid_request_error',
        param: details.param ?? null,
        code: details.code ?? null,
      },
    },
    headers: details.headers ?? {},
  };
}

export function openAiInvalidKey(authorization: string | string[] | undefined): JsonReply {
  if (typeof authorization !== 'string' || !authorization.startsWith('Bearer ')) {
    return openAiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    );
  }
  const key = authorization.slice('Bearer '.length);
  const masked = key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****';
  return openAiError(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    { code: 'invalid_api_key' },
  );
}

/** OpenAI's body for each status a `status` fault may inject. */
export function openAiStatusError(status: number, model: string): JsonReply {
  switch (status) {
    case 400:
      return openAiError(400, 'Invalid request.', {});
    case 401:
      return openAiInvalidKey(undefined);
    case 403:
      return openAiError(403, 'Project does not have access to this model.', { code: 'model_not_found' });
    case 404:
      return openAiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, {
        code: 'model_not_found',
      });
    case 429:
      // The body only: a `status` fault states its own headers, so a test can send a 429 without retry-after.
      return { ...openAiRateLimit(1, model), headers: {} };
    case 500:
      return openAiError(500, 'The server had an error while processing your request. Sorry about that!', {
        type: 'server_error',
      });
    case 503:
      return openAiError(503, 'The engine is currently overloaded, please try again later.', { type: 'server_error' });
    default:
      return openAiError(status, `Emulated failure with status ${status}.`, {
        type: status >= 500 ? 'server_error' : 'invalid_request_error',
      });
  }
}

/** OpenAI's requests-per-minute 429 with `retry-after`, `retry-after-ms` and the rate-limit headers. */
export function openAiRateLimit(retryAfterSeconds: number, model: string): JsonReply {
  return openAiError(
    429,
    `Rate limit reached for ${model || 'the model'} in organization org-emulator on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    {
      type: 'requests',
      code: 'rate_limit_exceeded',
      headers: {
        'retry-after': String(retryAfterSeconds),
        'retry-after-ms': String(retryAfterSeconds * 1000),
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
      },
    },
  );
}

/** The frame OpenAI sends when a stream fails after its headers: `data: {"error":{…}}`. */
export const OPENAI_ERROR_FRAME_BODY = {
  error: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  },
};
