import { encodeSseEvent } from '../../../src/kit/index.js';
import {
  applyStopSequences,
  countWords,
  echoText,
  hashText,
  isObject,
  lastUserText,
  promptCharacters,
  promptTokensFor,
  reasoningText,
  splitIntoPieces,
  truncateWords,
} from './deterministic-reply.js';
import type { JsonObject } from './deterministic-reply.js';

type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: JsonObject };

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** What a Messages request will be answered with, before it is put on the wire. */
export interface MessagePlan {
  model: string;
  content: ContentBlock[];
  stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';
  stopSequence: string | null;
  usage: AnthropicUsage;
}

/** True when any system block, message block or tool carries `cache_control`. */
function usesPromptCaching(body: JsonObject): boolean {
  const marked = (value: unknown): boolean =>
    Array.isArray(value) && value.some((item) => isObject(item) && item.cache_control !== undefined);
  if (marked(body.system) || marked(body.tools)) return true;
  return Array.isArray(body.messages) && body.messages.some((message) => isObject(message) && marked(message.content));
}

function toolNames(body: JsonObject): string[] {
  if (!Array.isArray(body.tools)) return [];
  const choice = isObject(body.tool_choice) ? body.tool_choice : {};
  if (choice.type === 'none') return [];
  if (choice.type === 'tool' && typeof choice.name === 'string') return [choice.name];
  const names = body.tools.flatMap((tool) => (isObject(tool) && typeof tool.name === 'string' ? [tool.name] : []));
  return choice.disable_parallel_tool_use === true ? names.slice(0, 1) : names;
}

/**
 * Usage: input_tokens = ceil(characters of system + message texts / 4) (at least 1); output_tokens = words of
 * text + thinking + tool input JSON. With `cache_control` anywhere, cache_read_input_tokens = 2 × input_tokens
 * and cache_creation_input_tokens = 3 × input_tokens (distinct numbers, so a swapped mapping shows); else 0.
 */
export function planMessage(body: JsonObject): MessagePlan {
  const model = typeof body.model === 'string' ? body.model : '';
  const userText = lastUserText(body.messages);
  const content: ContentBlock[] = [];
  if (isObject(body.thinking) && body.thinking.type === 'enabled') {
    const thinking = reasoningText(userText);
    content.push({ type: 'thinking', thinking, signature: `sig_emu_${hashText(thinking).toString(16)}` });
  }
  let stopReason: MessagePlan['stopReason'] = 'end_turn';
  let stopSequence: string | null = null;
  const tools = toolNames(body);
  if (tools.length > 0) {
    tools.forEach((name, index) =>
      content.push({ type: 'tool_use', id: `toolu_emu_${index}_${name}`, name, input: { echo: userText } }),
    );
    stopReason = 'tool_use';
  } else {
    const stopped = applyStopSequences(echoText(userText), body.stop_sequences);
    let text = stopped.text;
    if (stopped.stoppedBy !== undefined) {
      stopReason = 'stop_sequence';
      stopSequence = stopped.stoppedBy;
    }
    if (typeof body.max_tokens === 'number' && countWords(text) > body.max_tokens) {
      text = truncateWords(text, body.max_tokens);
      stopReason = 'max_tokens';
      stopSequence = null;
    }
    content.push({ type: 'text', text });
  }
  const outputTokens = content.reduce((sum, block) => sum + countWords(blockText(block)), 0);
  const inputTokens = promptTokensFor(promptCharacters(body.messages, body.system));
  const caching = usesPromptCaching(body);
  return {
    model,
    content,
    stopReason,
    stopSequence,
    usage: {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      cache_creation_input_tokens: caching ? 3 * inputTokens : 0,
      cache_read_input_tokens: caching ? 2 * inputTokens : 0,
    },
  };
}

function blockText(block: ContentBlock): string {
  if (block.type === 'text') return block.text;
  if (block.type === 'thinking') return block.thinking;
  return JSON.stringify(block.input);
}

/** The usage the emulator will report for this Messages request. */
export function expectedAnthropicUsage(body: JsonObject): AnthropicUsage {
  return planMessage(body).usage;
}

export function messageBody(plan: MessagePlan, id: string): JsonObject {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: plan.content,
    stop_reason: plan.stopReason,
    stop_sequence: plan.stopSequence,
    usage: plan.usage,
  };
}

function frame(event: string, data: JsonObject): string {
  return encodeSseEvent(event, JSON.stringify({ type: event, ...data }));
}

/** The event frames of a streamed Message, `ping` after `message_start`, output_tokens cumulative at the end. */
export function messageStreamFrames(plan: MessagePlan, id: string, pieces: number): string[] {
  const frames = [
    frame('message_start', {
      message: {
        ...messageBody(plan, id),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...plan.usage, output_tokens: 1 },
      },
    }),
    frame('ping', {}),
  ];
  plan.content.forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(frame('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const text of splitIntoPieces(block.text, pieces)) {
        frames.push(frame('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      }
    } else if (block.type === 'thinking') {
      frames.push(
        frame('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
      );
      for (const thinking of splitIntoPieces(block.thinking, pieces)) {
        frames.push(frame('content_block_delta', { index, delta: { type: 'thinking_delta', thinking } }));
      }
      frames.push(
        frame('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }),
      );
    } else {
      frames.push(
        frame('content_block_start', {
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
      );
      for (const partial_json of splitIntoPieces(JSON.stringify(block.input), pieces)) {
        frames.push(frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }));
      }
    }
    frames.push(frame('content_block_stop', { index }));
  });
  frames.push(
    frame('message_delta', {
      delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence },
      usage: { output_tokens: plan.usage.output_tokens },
    }),
    frame('message_stop', {}),
  );
  return frames;
}
