import { ApiError, errorFromBody } from '../../api/client';
import type { ChatBody, ToolCall } from './chat-request';
import { readSseEvents } from './sse-parser';

/** OpenAI's usage: cached ⊂ prompt and reasoning ⊂ completion. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** What has arrived so far; the final one is the whole answer. */
export interface ReplySoFar {
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
}

export interface StreamedReply extends ReplySoFar {
  finishReason: string | null;
  usage: ChatUsage | null;
  /** From sending the request to the end of the stream. */
  latencyMs: number;
  /** From sending to the first generated text, reasoning or tool call; null when none came. */
  firstTokenMs: number | null;
}

/** Thrown when Stop was pressed: what arrived before is kept. */
export class StreamStopped extends Error {
  readonly partial: ReplySoFar;
  constructor(partial: ReplySoFar) {
    super('Stopped.');
    this.name = 'StreamStopped';
    this.partial = partial;
  }
}

interface ChunkDelta {
  content?: string | null;
  reasoning_content?: string | null;
  tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
}

interface Chunk {
  choices?: { index?: number; delta?: ChunkDelta; finish_reason?: string | null }[];
  usage?: ChatUsage | null;
  error?: unknown;
}

/**
 * Streams one chat completion with an API key, calling `onProgress` as text arrives. Answers the whole reply with
 * its usage and timings; throws ApiError with the API's message for an HTTP error or an error frame mid-stream,
 * and StreamStopped when `signal` aborts.
 */
export async function streamChat(options: {
  apiKey: string;
  body: ChatBody;
  signal?: AbortSignal;
  onProgress?: (reply: ReplySoFar) => void;
  now?: () => number;
}): Promise<StreamedReply> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const reply: ReplySoFar = { content: '', reasoning: '', toolCalls: [] };
  const stopped = () => new StreamStopped({ ...reply, toolCalls: [...reply.toolCalls] });
  let response: Response;
  try {
    response = await fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(options.body),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (options.signal?.aborted === true) throw stopped();
    throw new ApiError(0, `Hangar could not be reached (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!response.ok || response.body === null) throw await httpError(response);

  let firstTokenMs: number | null = null;
  let finishReason: string | null = null;
  let usage: ChatUsage | null = null;
  let done = false;
  try {
    for await (const event of readSseEvents(response.body, options.signal)) {
      if (event.data === '[DONE]') {
        done = true;
        break;
      }
      let chunk: Chunk;
      try {
        chunk = JSON.parse(event.data) as Chunk;
      } catch {
        throw new ApiError(response.status, `The stream sent a frame that is not JSON: ${event.data.slice(0, 120)}`);
      }
      if (chunk.error !== undefined) throw errorFromBody(response.status, chunk);
      if (chunk.usage !== undefined && chunk.usage !== null) usage = chunk.usage;
      const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
      if (choice === undefined) continue;
      if (choice.finish_reason !== undefined && choice.finish_reason !== null) finishReason = choice.finish_reason;
      if (choice.delta !== undefined && applyDelta(reply, choice.delta)) {
        firstTokenMs ??= now() - started;
        options.onProgress?.({ ...reply, toolCalls: [...reply.toolCalls] });
      }
    }
  } catch (error) {
    if (options.signal?.aborted === true) throw stopped();
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, `The stream broke off: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (options.signal?.aborted === true) throw stopped();
  if (!done) throw new ApiError(0, 'The stream ended before the answer was complete.');
  return { ...reply, finishReason, usage, latencyMs: now() - started, firstTokenMs };
}

/** Adds one delta to the reply; true when it carried something to show. */
function applyDelta(reply: ReplySoFar, delta: ChunkDelta): boolean {
  let grew = false;
  if (typeof delta.content === 'string' && delta.content !== '') {
    reply.content += delta.content;
    grew = true;
  }
  if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') {
    reply.reasoning += delta.reasoning_content;
    grew = true;
  }
  for (const fragment of delta.tool_calls ?? []) {
    const index = fragment.index ?? reply.toolCalls.length;
    const existing = reply.toolCalls[index];
    // The first fragment of a call carries its id and name; later ones add to the arguments.
    const call: ToolCall = existing ?? {
      id: fragment.id ?? `call_${index}`,
      type: 'function',
      function: { name: '', arguments: '' },
    };
    reply.toolCalls[index] = {
      ...call,
      id: fragment.id ?? call.id,
      function: {
        name: call.function.name === '' ? (fragment.function?.name ?? '') : call.function.name,
        arguments: call.function.arguments + (fragment.function?.arguments ?? ''),
      },
    };
    grew = true;
  }
  return grew;
}

async function httpError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const error = errorFromBody(response.status, body);
  const retryAfter = response.headers.get('retry-after');
  if (response.status !== 429 || retryAfter === null) return error;
  return new ApiError(error.status, `${error.message} Retry after ${retryAfter} s.`, error.code, error.param);
}
