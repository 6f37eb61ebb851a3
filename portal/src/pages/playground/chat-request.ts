/** What the playground sends to `/v1/chat/completions`, built from its controls and the conversation so far. */

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export interface ChatBody {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  response_format?: { type: 'json_object' };
  tools?: ToolDefinition[];
  stream: true;
  stream_options: { include_usage: true };
}

/** The controls as typed: numbers stay text until sent, so a half-typed "0." is not lost. */
export interface ChatSettings {
  systemPrompt: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  jsonMode: boolean;
  tools: string;
}

export const DEFAULT_SETTINGS: ChatSettings = {
  systemPrompt: 'You are a helpful assistant.',
  temperature: '',
  topP: '',
  maxTokens: '',
  jsonMode: false,
  tools: '',
};

export const EXAMPLE_TOOLS = JSON.stringify(
  [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'The current weather in a city',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    },
  ],
  null,
  2,
);

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the tool definitions textarea: empty means no tools; otherwise a JSON array of OpenAI tools
 * (`{type: "function", function: {name, description?, parameters?}}`). A bare `{name, parameters}` is taken as
 * the function itself, as people often paste it.
 */
export function parseTools(text: string): { tools: ToolDefinition[] | undefined } | { problem: string } {
  if (text.trim() === '') return { tools: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `Tools are not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0) return { problem: 'Tools is an empty list; leave it empty for no tools.' };
  const tools: ToolDefinition[] = [];
  for (const [index, item] of items.entries()) {
    const where = `Tool ${index + 1}`;
    if (!isObject(item)) return { problem: `${where} is not an object.` };
    const fn = item.type === undefined && 'name' in item ? item : item.function;
    if (item.type !== undefined && item.type !== 'function') {
      return { problem: `${where}: type must be "function".` };
    }
    if (!isObject(fn)) return { problem: `${where} needs a "function" object with a name.` };
    if (typeof fn.name !== 'string' || !FUNCTION_NAME.test(fn.name)) {
      return { problem: `${where}: the function name must be 1 to 64 letters, digits, _ or -.` };
    }
    if (fn.description !== undefined && typeof fn.description !== 'string') {
      return { problem: `${where}: description must be a string.` };
    }
    if (fn.parameters !== undefined && (!isObject(fn.parameters) || fn.parameters.type !== 'object')) {
      return { problem: `${where}: parameters must be a JSON Schema object ({"type": "object", …}).` };
    }
    tools.push({ type: 'function', function: fn as ToolDefinition['function'] });
  }
  const names = tools.map((tool) => tool.function.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) return { problem: `Two tools are named ${repeated}.` };
  return { tools };
}

/** Problems with the number controls, by control; empty when they can be sent. */
export function settingsProblems(
  settings: ChatSettings,
): Partial<Record<'temperature' | 'topP' | 'maxTokens', string>> {
  const problems: Partial<Record<'temperature' | 'topP' | 'maxTokens', string>> = {};
  const temperature = optionalNumber(settings.temperature);
  if (temperature !== undefined && (Number.isNaN(temperature) || temperature < 0 || temperature > 2)) {
    problems.temperature = 'A number from 0 to 2.';
  }
  const topP = optionalNumber(settings.topP);
  if (topP !== undefined && (Number.isNaN(topP) || topP < 0 || topP > 1)) problems.topP = 'A number from 0 to 1.';
  const maxTokens = optionalNumber(settings.maxTokens);
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 1)) {
    problems.maxTokens = 'A whole number of at least 1.';
  }
  return problems;
}

/** The request body; the settings must have passed `settingsProblems` and `parseTools`. */
export function buildChatBody(
  deployment: string,
  settings: ChatSettings,
  conversation: readonly ChatMessage[],
  tools: ToolDefinition[] | undefined,
): ChatBody {
  const messages: ChatMessage[] = [];
  if (settings.systemPrompt.trim() !== '') messages.push({ role: 'system', content: settings.systemPrompt });
  messages.push(...conversation);
  const body: ChatBody = { model: deployment, messages, stream: true, stream_options: { include_usage: true } };
  const temperature = optionalNumber(settings.temperature);
  if (temperature !== undefined) body.temperature = temperature;
  const topP = optionalNumber(settings.topP);
  if (topP !== undefined) body.top_p = topP;
  const maxTokens = optionalNumber(settings.maxTokens);
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  if (settings.jsonMode) body.response_format = { type: 'json_object' };
  if (tools !== undefined) body.tools = tools;
  return body;
}

/** Blank means "the model's default", so it is left out of the request. */
function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}
