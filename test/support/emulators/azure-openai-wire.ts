import type { JsonObject } from './deterministic-reply.js';
import type { JsonReply } from './emulator-server.js';

/** API versions the deployment API knows; anything else is a 404 "Resource not found". */
export const AZURE_API_VERSIONS = new Set([
  '2022-12-01',
  '2023-05-15',
  '2024-02-01',
  '2024-06-01',
  '2024-10-21',
  '2024-08-01-preview',
  '2024-09-01-preview',
  '2024-10-01-preview',
  '2024-12-01-preview',
  '2025-01-01-preview',
  '2025-03-01-preview',
  '2025-04-01-preview',
]);

/** API versions the `/openai/v1` routes accept (optional there). */
export const AZURE_V1_API_VERSIONS = new Set(['v1', 'preview']);

const SAFE = { filtered: false, severity: 'safe' };
const NOT_DETECTED = { filtered: false, detected: false };

export const AZURE_PROMPT_FILTER_RESULTS = [
  {
    prompt_index: 0,
    content_filter_results: {
      hate: SAFE,
      jailbreak: NOT_DETECTED,
      self_harm: SAFE,
      sexual: SAFE,
      violence: SAFE,
    },
  },
];

export const AZURE_CHOICE_FILTER_RESULTS = {
  hate: SAFE,
  protected_material_code: NOT_DETECTED,
  protected_material_text: NOT_DETECTED,
  self_harm: SAFE,
  sexual: SAFE,
  violence: SAFE,
};

/** Adds the prompt and per-choice content-filter annotations to a `chat.completion`. */
export function annotateCompletion(body: JsonObject): JsonObject {
  const choices = Array.isArray(body.choices) ? (body.choices as JsonObject[]) : [];
  return {
    ...body,
    choices: choices.map((choice) => ({ ...choice, content_filter_results: AZURE_CHOICE_FILTER_RESULTS })),
    prompt_filter_results: AZURE_PROMPT_FILTER_RESULTS,
  };
}

/**
 * Opens the stream with the prompt annotation chunk (`choices: []`, empty id/object/model, created 0) and puts
 * filter results on every choice: `{}` on the role and finish deltas, the severities on content deltas.
 */
export function annotateChunks(chunks: JsonObject[]): JsonObject[] {
  const annotation: JsonObject = {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: AZURE_PROMPT_FILTER_RESULTS,
    usage: null,
  };
  const annotated = chunks.map((chunk) => {
    const choices = Array.isArray(chunk.choices) ? (chunk.choices as JsonObject[]) : [];
    if (choices.length === 0) return chunk;
    return {
      ...chunk,
      choices: choices.map((choice) => {
        const delta = choice.delta as JsonObject | undefined;
        const carriesContent = delta !== undefined && typeof delta.content === 'string' && delta.content.length > 0;
        return { ...choice, content_filter_results: carriesContent ? AZURE_CHOICE_FILTER_RESULTS : {} };
      }),
    };
  });
  return [annotation, ...annotated];
}

function azureError(status: number, code: string, message: string, headers: Record<string, string> = {}): JsonReply {
  return { kind: 'json', status, body: { error: { code, message } }, headers };
}

export function azureInvalidKey(): JsonReply {
  return azureError(
    401,
    '401',
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  );
}

export function azureResourceNotFound(): JsonReply {
  return azureError(404, '404', 'Resource not found');
}

export function azureDeploymentNotFound(): JsonReply {
  return azureError(
    404,
    'DeploymentNotFound',
    'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
  );
}

/** Azure's token-rate 429 with `Retry-After` (and `retry-after-ms`, as provisioned deployments send). */
export function azureRateLimit(retryAfterSeconds: number, operation: string, apiVersion: string): JsonReply {
  return azureError(
    429,
    '429',
    `Requests to the ${operation} Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${retryAfterSeconds} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
    { 'Retry-After': String(retryAfterSeconds), 'retry-after-ms': String(retryAfterSeconds * 1000) },
  );
}

/** Azure's body for each status a `status` fault may inject. */
export function azureStatusError(status: number, operation: string, apiVersion: string): JsonReply {
  switch (status) {
    case 401:
      return azureInvalidKey();
    case 404:
      return azureDeploymentNotFound();
    case 429:
      return { ...azureRateLimit(1, operation, apiVersion), headers: {} };
    case 503:
      return azureError(
        503,
        'ServiceUnavailable',
        'The service is temporarily unable to process your request. Please try again later.',
      );
    default:
      if (status >= 500) {
        return {
          kind: 'json',
          status,
          body: {
            error: {
              message: 'The server had an error while processing your request. Sorry about that!',
              type: 'server_error',
              param: null,
              code: null,
            },
          },
        };
      }
      return azureError(status, String(status), `Emulated failure with status ${status}.`);
  }
}

/** The prompt-blocked 400 in the shape clients parse (`innererror.content_filter_result`); inject it with a `status` fault. */
export const AZURE_CONTENT_FILTER_ERROR_BODY = {
  error: {
    message:
      "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
    type: null,
    param: 'prompt',
    code: 'content_filter',
    status: 400,
    innererror: {
      code: 'ResponsibleAIPolicyViolation',
      content_filter_result: {
        hate: SAFE,
        jailbreak: NOT_DETECTED,
        self_harm: { filtered: true, severity: 'medium' },
        sexual: SAFE,
        violence: SAFE,
      },
    },
  },
};
