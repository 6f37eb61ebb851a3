import { SSE_DONE, encodeSseData } from '../../kit/index.js';
import type { ChatStreamEvent, GatewayError, JsonObject, JsonValue } from '../../spec/index.js';
import type { RenderContext } from '../dialect.js';
import { THINK_CLOSE, THINK_OPEN, type ReasoningStyle } from './reasoning-style.js';
import { renderOpenAiFinishReason } from './render-openai-finish-reason.js';
import { renderOpenAiUsage } from './render-openai-usage.js';
import { jsonOf, renderContentFilterOffsets, renderPromptFilterResults } from './render-content-filter-results.js';

export interface OpenAiStreamOptions {
  reasoning: ReasoningStyle;
  /**
   * `final-chunk` (OpenAI): when the client set `stream_options.include_usage`, every chunk carries
   * `usage: null` and usage comes last in a chunk with `choices: []`; otherwise it is not sent.
   * `finish-chunk` (Azure AI Inference): usage always rides on the last chunk that carries a finish_reason.
   */
  usage: 'final-chunk' | 'finish-chunk';
  /** The dialect's error frame for a failure after the stream began. */
  errorFrame(error: GatewayError): string;
  /**
   * Azure's content-filter frames: the prompt's verdict first (`choices: []`, empty id) and an annotation-only chunk
   * per released window. Azure's clients expect them; OpenAI's do not (code reading `choices[0].delta` breaks on
   * them), so the OpenAI dialect leaves them out and keeps only the annotations on the finishing chunk.
   */
  filterAnnotations: boolean;
}

interface ChoiceState {
  started: boolean;
  thinking: boolean;
}

/** Canonical stream events as `chat.completion.chunk` SSE frames, ending with `data: [DONE]`. */
export async function* renderOpenAiStream(
  events: AsyncIterable<ChatStreamEvent>,
  context: RenderContext,
  options: OpenAiStreamOptions,
): AsyncGenerator<string> {
  // Providers send metadata first; these stand in if one does not.
  let id = `chatcmpl-${context.requestId}`;
  let created = Math.floor(Date.now() / 1000);
  let model = context.request.model;
  let systemFingerprint: string | undefined;
  const usageNullOnChunks = options.usage === 'final-chunk' && context.request.includeUsage;
  const choices = new Map<number, ChoiceState>();
  // Azure AI Inference: finish chunks wait for usage, which rides on the last of them.
  let pendingFinishChunks: JsonObject[] = [];

  const chunk = (chunkChoices: JsonValue[]): JsonObject => {
    const body: JsonObject = { id, object: 'chat.completion.chunk', created, model };
    if (systemFingerprint !== undefined) body.system_fingerprint = systemFingerprint;
    body.choices = chunkChoices;
    if (usageNullOnChunks) body.usage = null;
    return body;
  };
  const choiceChunk = (index: number, delta: JsonObject, finishReason: string | null = null): JsonObject =>
    chunk([{ index, delta, logprobs: null, finish_reason: finishReason }]);
  const frame = (body: JsonObject): string => encodeSseData(JSON.stringify(body));

  /** The delta's opening fields: `role` on a choice's first chunk, `</think>` once reasoning is over. */
  const openDelta = (index: number, closeThinking: boolean): JsonObject => {
    let state = choices.get(index);
    if (state === undefined) {
      state = { started: false, thinking: false };
      choices.set(index, state);
    }
    const delta: JsonObject = {};
    if (!state.started) {
      delta.role = 'assistant';
      state.started = true;
    }
    if (closeThinking && state.thinking) {
      delta.content = THINK_CLOSE;
      state.thinking = false;
    }
    return delta;
  };
  const appendContent = (delta: JsonObject, text: string): void => {
    delta.content = typeof delta.content === 'string' ? delta.content + text : text;
  };
  function* flushPending(): Generator<string> {
    for (const pending of pendingFinishChunks) yield frame(pending);
    pendingFinishChunks = [];
  }

  for await (const event of events) {
    if (event.type !== 'usage' && event.type !== 'response-metadata') yield* flushPending();
    switch (event.type) {
      case 'response-metadata':
        id = event.id === '' ? id : event.id;
        created = event.created;
        model = event.upstreamModel === '' ? model : event.upstreamModel;
        systemFingerprint = event.systemFingerprint;
        break;
      case 'text-delta': {
        const delta = openDelta(event.choice, true);
        appendContent(delta, event.delta);
        yield frame(choiceChunk(event.choice, delta));
        break;
      }
      case 'reasoning-delta': {
        const delta = openDelta(event.choice, false);
        if (options.reasoning === 'reasoning-content') delta.reasoning_content = event.delta;
        else {
          const state = choices.get(event.choice);
          const opening = state?.thinking === true ? '' : THINK_OPEN;
          if (state !== undefined) state.thinking = true;
          appendContent(delta, opening + event.delta);
        }
        yield frame(choiceChunk(event.choice, delta));
        break;
      }
      case 'refusal-delta': {
        const delta = openDelta(event.choice, true);
        delta.refusal = event.delta;
        yield frame(choiceChunk(event.choice, delta));
        break;
      }
      case 'tool-call-start': {
        const delta = openDelta(event.choice, true);
        delta.tool_calls = [
          { index: event.toolIndex, id: event.id, type: 'function', function: { name: event.name, arguments: '' } },
        ];
        yield frame(choiceChunk(event.choice, delta));
        break;
      }
      case 'tool-call-delta': {
        const delta = openDelta(event.choice, true);
        delta.tool_calls = [{ index: event.toolIndex, function: { arguments: event.argumentsDelta } }];
        yield frame(choiceChunk(event.choice, delta));
        break;
      }
      case 'logprobs': {
        const body = choiceChunk(event.choice, openDelta(event.choice, false));
        const [choice] = body.choices as JsonObject[];
        if (choice !== undefined) choice.logprobs = event.logprobs;
        yield frame(body);
        break;
      }
      case 'prompt-filter': {
        if (!options.filterAnnotations) break;
        // Azure's first frame: no id, model or choices yet, only the verdict on the prompt.
        const body: JsonObject = { id: '', object: '', created: 0, model: '' };
        body.prompt_filter_results = renderPromptFilterResults(event.results);
        body.choices = [];
        if (usageNullOnChunks) body.usage = null;
        yield frame(body);
        break;
      }
      case 'content-filter': {
        if (!options.filterAnnotations) break;
        // Azure's annotation-only chunk; the empty delta keeps SDK stream helpers that read `delta` working.
        yield frame(
          chunk([
            {
              index: event.choice,
              delta: {},
              finish_reason: null,
              content_filter_results: jsonOf(event.results),
              content_filter_offsets: renderContentFilterOffsets(event.offsets),
            },
          ]),
        );
        break;
      }
      case 'choice-finish': {
        const body = choiceChunk(
          event.choice,
          openDelta(event.choice, true),
          renderOpenAiFinishReason(event.finishReason),
        );
        if (event.contentFilterResults !== undefined) {
          const [choice] = body.choices as JsonObject[];
          if (choice !== undefined) choice.content_filter_results = jsonOf(event.contentFilterResults);
        }
        if (options.usage === 'finish-chunk') pendingFinishChunks.push(body);
        else yield frame(body);
        break;
      }
      case 'usage': {
        const usage = renderOpenAiUsage(event.usage);
        if (options.usage === 'finish-chunk') {
          const last = pendingFinishChunks.at(-1);
          if (last === undefined) yield frame({ ...chunk([]), usage });
          else last.usage = usage;
          yield* flushPending();
        } else if (context.request.includeUsage) {
          yield frame({ ...chunk([]), usage });
        }
        break;
      }
      case 'error':
        yield options.errorFrame(event.error);
        return;
    }
  }
  yield* flushPending();
  yield SSE_DONE;
}
