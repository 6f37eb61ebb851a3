import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse } from 'node-llama-cpp';
import { safeParseJson } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';
import type { ChatMessage, ContentPart, JsonValue } from '../../spec/index.js';

/**
 * Canonical messages as node-llama-cpp's chat history. Nothing is added: the client's messages are the
 * whole prompt, so the tokens billed are the ones the client sent, wrapped in the model's own template.
 *
 * - system and developer messages are system items;
 * - a user message's text parts are joined with newlines (as llama-server does); media is refused, since a
 *   local model here reads text only;
 * - an assistant message is a model response: its reasoning as a thought segment, its text, then its tool
 *   calls as function calls whose `result` is the later `tool` message answering each one (node-llama-cpp
 *   keeps a call and its result together). An assistant message after tool results continues that response,
 *   as the model itself would have;
 * - `name` fields have no place in chat templates and are not rendered.
 */
export function convertToChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const pendingCalls = new Map<string, { call: ChatModelFunctionCall; path: string; answered: boolean }>();

  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        history.push({ type: 'system', text: textOf(message.content, path) });
        return;
      case 'user':
        history.push({ type: 'user', text: textOf(message.content, path) });
        return;
      case 'assistant': {
        const response: ChatModelResponse['response'] = [];
        if (message.reasoningContent !== undefined && message.reasoningContent !== '') {
          response.push({ type: 'segment', segmentType: 'thought', text: message.reasoningContent, ended: true });
        }
        const text = message.content === null ? (message.refusal ?? '') : textOf(message.content, path);
        if (text !== '') response.push(text);
        (message.toolCalls ?? []).forEach((toolCall, callIndex) => {
          const call: ChatModelFunctionCall = {
            type: 'functionCall',
            name: toolCall.name,
            params: parseJsonOrText(toolCall.arguments),
            result: undefined,
          };
          pendingCalls.set(toolCall.id, { call, path: `${path}.tool_calls[${callIndex}]`, answered: false });
          response.push(call);
        });
        const previous = history.at(-1);
        if (previous?.type === 'model' && endsWithFunctionCall(previous)) previous.response.push(...response);
        else history.push({ type: 'model', response });
        return;
      }
      case 'tool': {
        const pending = pendingCalls.get(message.toolCallId);
        if (pending === undefined || pending.answered) {
          throw new GatewayError(
            'invalid_request',
            pending === undefined
              ? `'${path}.tool_call_id' is ${JSON.stringify(message.toolCallId)}, which no earlier assistant message called.`
              : `'${path}.tool_call_id' answers tool call ${JSON.stringify(message.toolCallId)} a second time.`,
            { param: `${path}.tool_call_id` },
          );
        }
        pending.call.result = parseJsonOrText(textOf(message.content, path));
        pending.answered = true;
        return;
      }
    }
  });

  for (const [id, pending] of pendingCalls) {
    if (!pending.answered) {
      throw new GatewayError(
        'invalid_request',
        `'${pending.path}' (id ${JSON.stringify(id)}) has no tool message answering it; ` +
          'send each tool call’s result as a tool message before asking for the next answer.',
        { param: pending.path },
      );
    }
  }
  return history;
}

function textOf(content: string | ContentPart[], path: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      if (part.type === 'text') return part.text;
      throw new GatewayError(
        'unsupported_parameter',
        `'${path}.content[${index}]' is ${part.type === 'image' ? 'an image' : 'audio'}, but this local model takes text only.`,
        { param: `${path}.content[${index}]` },
      );
    })
    .join('\n');
}

/**
 * Arguments and results are rendered by the chat template as JSON, so JSON text is parsed to be rendered as
 * itself rather than as a quoted string; anything else stays text.
 */
function parseJsonOrText(text: string): JsonValue {
  const parsed = safeParseJson(text);
  return parsed.ok ? parsed.value : text;
}

function endsWithFunctionCall(item: ChatModelResponse): boolean {
  const last = item.response.at(-1);
  return typeof last === 'object' && last.type === 'functionCall';
}
