import type { ChatMessage, ToolCall } from './chat-request';
import type { ChatUsage } from './stream-chat';

/** What the cost line of a reply shows. */
export type CostState =
  | { state: 'pending' }
  | { state: 'estimated'; microUsd: number }
  | { state: 'unpriced' }
  | { state: 'unknown'; reason: string };

export interface ReplyEntry {
  kind: 'reply';
  id: number;
  deployment: string;
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
  status: 'streaming' | 'done' | 'stopped' | 'failed';
  error: Error | null;
  finishReason: string | null;
  usage: ChatUsage | null;
  latencyMs: number | null;
  firstTokenMs: number | null;
  cost: CostState;
}

export type Entry =
  | { kind: 'user'; id: number; content: string }
  | { kind: 'tool'; id: number; toolCallId: string; name: string; content: string }
  | ReplyEntry;

/** A deployment's conversation in the playground; side-by-side mode has two. */
export type Lane = Entry[];

/**
 * The conversation as chat messages. A failed reply is left out (the API never saw it answered); a tool call
 * nobody answered is left out too, since the API refuses an assistant's tool_calls that no tool message follows.
 */
export function messagesOf(entries: readonly Entry[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  entries.forEach((entry, index) => {
    if (entry.kind === 'user') messages.push({ role: 'user', content: entry.content });
    else if (entry.kind === 'tool') {
      messages.push({ role: 'tool', tool_call_id: entry.toolCallId, content: entry.content });
    } else if (entry.status === 'done' || entry.status === 'stopped') {
      const answered = entries[index + 1]?.kind === 'tool';
      const toolCalls = answered && entry.status === 'done' ? entry.toolCalls : [];
      if (toolCalls.length > 0) {
        messages.push({
          role: 'assistant',
          content: entry.content === '' ? null : entry.content,
          tool_calls: toolCalls,
        });
      } else if (entry.content !== '') {
        messages.push({ role: 'assistant', content: entry.content });
      }
    }
  });
  return messages;
}

/** The tool calls of the last reply, when it ended asking for them and nothing has answered yet. */
export function pendingToolCalls(entries: readonly Entry[]): ToolCall[] {
  const last = entries.at(-1);
  if (last?.kind !== 'reply' || last.status !== 'done') return [];
  return last.toolCalls;
}
