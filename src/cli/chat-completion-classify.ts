import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { safeParseJson } from '../kit/index.js';
import type { JsonValue } from '../spec/index.js';

export interface ChatCompletionClassifyOptions {
  /** A running Hangar's address, without a path. */
  baseUrl: string;
  /** A project key that may call the deployment. */
  apiKey: string;
  deployment: string;
  /** Keeps connections open across the many calls of an evaluation; the caller closes it. */
  dispatcher?: Dispatcher;
}

export interface ClassifyCall {
  system?: string;
  prompt: string;
  maxTokens: number;
  signal?: AbortSignal;
}

/**
 * The model analyzer's `classify`, as an OpenAI-style chat completion against a running Hangar: the deployment
 * is whatever the operator would name in a policy, so the evaluation measures what the gateway would do.
 */
export function createChatCompletionClassify(
  options: ChatCompletionClassifyOptions,
): (call: ClassifyCall) => Promise<string> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/chat/completions`;
  return async (call) => {
    const messages = [
      ...(call.system === undefined ? [] : [{ role: 'system', content: call.system }]),
      { role: 'user', content: call.prompt },
    ];
    const response = await request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
      // Temperature 0: a classifier should give the same verdict for the same text on every run.
      body: JSON.stringify({ model: options.deployment, messages, max_tokens: call.maxTokens, temperature: 0 }),
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });
    const text = await response.body.text();
    const parsed = safeParseJson(text);
    if (response.statusCode >= 400) {
      const message = parsed.ok ? errorMessage(parsed.value) : undefined;
      throw new Error(`Hangar answered ${response.statusCode}: ${message ?? text.slice(0, 200)}`);
    }
    if (!parsed.ok) throw new Error(`Hangar answered with something that is not JSON: ${text.slice(0, 200)}`);
    const content = replyContent(parsed.value);
    if (content === undefined) throw new Error('Hangar answered a chat completion without choices[0].message');
    return content;
  };
}

/** `choices[0].message.content`; a null content (a refusal, or tool calls) reads as an empty reply. */
function replyContent(value: JsonValue): string | undefined {
  const choices = field(value, 'choices');
  const message = field(Array.isArray(choices) ? choices[0] : undefined, 'message');
  if (message === undefined) return undefined;
  const content = field(message, 'content');
  return typeof content === 'string' ? content : '';
}

function errorMessage(value: JsonValue): string | undefined {
  const message = field(field(value, 'error'), 'message');
  return typeof message === 'string' ? message : undefined;
}

function field(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value[key] : undefined;
}
