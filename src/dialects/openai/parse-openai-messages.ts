import { isJsonObject } from '../../spec/index.js';
import type { ChatMessage, ContentPart, JsonObject, JsonValue, ToolCall } from '../../spec/index.js';
import {
  childPath,
  describeKind,
  invalidParameter,
  itemPath,
  readArray,
  readEnum,
  readString,
  readValue,
  requireString,
  unsupportedParameter,
} from '../validation/index.js';

type PartType = 'text' | 'image_url' | 'input_audio' | 'refusal';

const USER_PARTS: readonly PartType[] = ['text', 'image_url', 'input_audio'];
const TEXT_PARTS: readonly PartType[] = ['text'];
const ASSISTANT_PARTS: readonly PartType[] = ['text', 'refusal'];
/** Part types the wire formats define but the canonical request cannot carry yet. */
const UNSUPPORTED_PARTS: readonly string[] = ['file', 'audio_url'];

type WirePart = ContentPart | { type: 'refusal'; refusal: string };

/** Parses OpenAI `messages` into canonical messages, naming the exact path of anything malformed. */
export function parseOpenAiMessages(value: JsonValue | undefined): ChatMessage[] {
  if (value === undefined || value === null) throw invalidParameter('messages', 'is required.');
  if (!Array.isArray(value)) throw invalidParameter('messages', `must be an array, got ${describeKind(value)}.`);
  if (value.length === 0) throw invalidParameter('messages', 'must contain at least one message.');
  return value.map((message, index) => parseMessage(message, itemPath('messages', index)));
}

function parseMessage(value: JsonValue, path: string): ChatMessage {
  if (!isJsonObject(value)) throw invalidParameter(path, `must be an object, got ${describeKind(value)}.`);
  const role = requireString(value, 'role', path);
  const name = readString(value, 'name', path);
  switch (role) {
    case 'system':
    case 'developer':
      return withName({ role, content: parseParts(value, path, TEXT_PARTS) }, name);
    case 'user':
      return withName({ role, content: parseParts(value, path, USER_PARTS) }, name);
    case 'assistant':
      return parseAssistantMessage(value, path, name);
    case 'tool':
      return {
        role,
        toolCallId: requireString(value, 'tool_call_id', path),
        content: parseParts(value, path, TEXT_PARTS),
      };
    case 'function':
      throw invalidParameter(
        childPath(path, 'role'),
        "is 'function', which is deprecated and not supported: send the result as a 'tool' message with 'tool_call_id'.",
      );
    default:
      throw invalidParameter(
        childPath(path, 'role'),
        `must be one of 'system', 'developer', 'user', 'assistant', 'tool', got '${role}'.`,
      );
  }
}

function withName<Message extends ChatMessage & { name?: string }>(
  message: Message,
  name: string | undefined,
): Message {
  return name === undefined ? message : { ...message, name };
}

function parseAssistantMessage(value: JsonObject, path: string, name: string | undefined): ChatMessage {
  const toolCalls = parseToolCalls(value, path);
  let content: string | ContentPart[] | null = null;
  let refusal = readString(value, 'refusal', path);
  if (readValue(value, 'content') !== undefined) {
    const parsed = parseContent(value, path, ASSISTANT_PARTS);
    if (typeof parsed === 'string') content = parsed;
    else {
      // A refusal part is the model's own earlier refusal; the canonical message keeps it apart from text.
      const refusals = parsed.flatMap((part) => (part.type === 'refusal' ? [part.refusal] : []));
      if (refusals.length > 0) refusal = (refusal ?? '') + refusals.join('');
      content = parsed.filter((part): part is ContentPart => part.type !== 'refusal');
    }
  } else if (toolCalls === undefined) {
    throw invalidParameter(childPath(path, 'content'), "is required unless 'tool_calls' is given.");
  }
  const message: ChatMessage = { role: 'assistant', content };
  const reasoning = readString(value, 'reasoning_content', path);
  if (reasoning !== undefined) message.reasoningContent = reasoning;
  if (toolCalls !== undefined) message.toolCalls = toolCalls;
  if (refusal !== undefined) message.refusal = refusal;
  if (name !== undefined) message.name = name;
  return message;
}

function parseToolCalls(value: JsonObject, path: string): ToolCall[] | undefined {
  const calls = readArray(value, 'tool_calls', path);
  if (calls === undefined) return undefined;
  const callsPath = childPath(path, 'tool_calls');
  return calls.map((call, index) => {
    const callPath = itemPath(callsPath, index);
    if (!isJsonObject(call)) throw invalidParameter(callPath, `must be an object, got ${describeKind(call)}.`);
    const type = readString(call, 'type', callPath) ?? 'function';
    if (type !== 'function') {
      throw unsupportedParameter(childPath(callPath, 'type'), `must be 'function', got '${type}'.`);
    }
    const functionPath = childPath(callPath, 'function');
    const target = readValue(call, 'function');
    if (!isJsonObject(target)) throw invalidParameter(functionPath, 'must be an object with name and arguments.');
    return {
      id: requireString(call, 'id', callPath),
      name: requireString(target, 'name', functionPath),
      arguments: readString(target, 'arguments', functionPath) ?? '',
    };
  });
}

/** Content of a role that cannot hold refusal parts: the parser already refused them. */
function parseParts(value: JsonObject, path: string, allowed: readonly PartType[]): string | ContentPart[] {
  const parsed = parseContent(value, path, allowed);
  if (typeof parsed === 'string') return parsed;
  return parsed.filter((part): part is ContentPart => part.type !== 'refusal');
}

function parseContent(value: JsonObject, path: string, allowed: readonly PartType[]): string | WirePart[] {
  const content = readValue(value, 'content');
  const contentPath = childPath(path, 'content');
  if (content === undefined) throw invalidParameter(contentPath, 'is required.');
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    throw invalidParameter(contentPath, `must be a string or an array of content parts, got ${describeKind(content)}.`);
  }
  return content.map((part, index) => parsePart(part, itemPath(contentPath, index), allowed));
}

function parsePart(value: JsonValue, path: string, allowed: readonly PartType[]): WirePart {
  if (!isJsonObject(value)) throw invalidParameter(path, `must be an object, got ${describeKind(value)}.`);
  const type = requireString(value, 'type', path);
  if (UNSUPPORTED_PARTS.includes(type)) {
    throw unsupportedParameter(childPath(path, 'type'), `is '${type}', which Hangar does not support yet.`);
  }
  if (!(allowed as readonly string[]).includes(type)) {
    const choices = allowed.map((choice) => `'${choice}'`).join(', ');
    throw invalidParameter(childPath(path, 'type'), `must be one of ${choices} for this role, got '${type}'.`);
  }
  switch (type as PartType) {
    case 'text':
      return { type: 'text', text: requireString(value, 'text', path) };
    case 'refusal':
      return { type: 'refusal', refusal: requireString(value, 'refusal', path) };
    case 'image_url': {
      const imagePath = childPath(path, 'image_url');
      const image = readValue(value, 'image_url');
      if (!isJsonObject(image)) throw invalidParameter(imagePath, 'must be an object with a url.');
      const detail = readEnum(image, 'detail', ['auto', 'low', 'high'] as const, imagePath);
      const url = requireString(image, 'url', imagePath);
      return detail === undefined ? { type: 'image', url } : { type: 'image', url, detail };
    }
    case 'input_audio': {
      const audioPath = childPath(path, 'input_audio');
      const audio = readValue(value, 'input_audio');
      if (!isJsonObject(audio)) throw invalidParameter(audioPath, 'must be an object with data and format.');
      return {
        type: 'audio',
        data: requireString(audio, 'data', audioPath),
        format: requireString(audio, 'format', audioPath),
      };
    }
  }
}
