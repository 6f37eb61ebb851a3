import type { ChatModelFunctions, GbnfJsonSchema } from 'node-llama-cpp';
import { GatewayError } from '../../spec/index.js';
import type { JsonObject, ToolChoice, ToolDefinition } from '../../spec/index.js';
import { prepareJsonSchema, toolCallSchema } from '../json-schema/index.js';

/** A tool the model may call: the client's parameters schema (shown to the model) and the prepared one. */
export interface LocalTool {
  name: string;
  description: string | undefined;
  parameters: JsonObject | undefined;
  preparedParameters: JsonObject | undefined;
}

/**
 * How tools reach the model:
 * - `none`: no tools, or tool_choice "none" — the model is not told about them.
 * - `auto`: node-llama-cpp's function calling — the chat wrapper documents the functions in the prompt in
 *   the model's own format and switches to a grammar for the arguments when the model starts a call.
 * - `forced`: tool_choice "required" or a named function. node-llama-cpp cannot force a call, so the whole
 *   answer is generated under a grammar of `{"name": …, "arguments": …}` and becomes one tool call.
 */
export type LocalToolPlan =
  | { kind: 'none' }
  | {
      kind: 'auto';
      tools: ReadonlyMap<string, LocalTool>;
      functions: ChatModelFunctions;
      maxParallelFunctionCalls?: number;
    }
  | { kind: 'forced'; tools: ReadonlyMap<string, LocalTool>; answerSchema: JsonObject; instructions: string };

export function planLocalTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
): LocalToolPlan {
  const offered = tools ?? [];
  const choice = toolChoice ?? (offered.length > 0 ? 'auto' : 'none');
  if (choice !== 'none' && choice !== 'auto' && offered.length === 0) {
    throw new GatewayError('invalid_request', `'tool_choice' asks for a tool call, but 'tools' is empty.`, {
      param: 'tool_choice',
    });
  }
  if (choice === 'none' || offered.length === 0) return { kind: 'none' };

  const prepared = prepareTools(offered);
  if (choice === 'auto') {
    const functions: Record<string, ChatModelFunctions[string]> = {};
    for (const tool of prepared.values()) {
      functions[tool.name] = {
        ...(tool.description === undefined ? {} : { description: tool.description }),
        ...(tool.preparedParameters === undefined ? {} : { params: tool.preparedParameters as GbnfJsonSchema }),
      };
    }
    return {
      kind: 'auto',
      tools: prepared,
      functions,
      ...(parallelToolCalls === false ? { maxParallelFunctionCalls: 1 } : {}),
    };
  }

  let callable = [...prepared.values()];
  if (choice !== 'required') {
    const named = prepared.get(choice.name);
    if (named === undefined) {
      throw new GatewayError(
        'invalid_request',
        `'tool_choice' names the function ${JSON.stringify(choice.name)}, which is not in 'tools'.`,
        { param: 'tool_choice' },
      );
    }
    callable = [named];
  }
  return {
    kind: 'forced',
    tools: new Map(callable.map((tool) => [tool.name, tool])),
    answerSchema: toolCallSchema(
      callable.map((tool) => ({
        name: tool.name,
        ...(tool.preparedParameters === undefined ? {} : { parameters: tool.preparedParameters }),
      })),
    ),
    instructions: forcedToolInstructions(callable),
  };
}

function prepareTools(tools: readonly ToolDefinition[]): Map<string, LocalTool> {
  const prepared = new Map<string, LocalTool>();
  tools.forEach((tool, index) => {
    if (prepared.has(tool.name)) {
      throw new GatewayError(
        'invalid_request',
        `'tools[${index}].function.name' repeats ${JSON.stringify(tool.name)}; tool names must be unique.`,
        { param: `tools[${index}].function.name` },
      );
    }
    prepared.set(tool.name, {
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      preparedParameters:
        tool.parameters === undefined
          ? undefined
          : prepareJsonSchema(tool.parameters, `tools[${index}].function.parameters`),
    });
  });
  return prepared;
}

/**
 * The one text Hangar adds to a local prompt, and only for a forced tool call: the grammar makes the model
 * write a call, but without being told which tools exist and what they are for it would fill the arguments
 * blindly. It goes in as a system message before the client's messages and is billed as input like them.
 */
function forcedToolInstructions(tools: readonly LocalTool[]): string {
  const lines = [
    tools.length === 1 ? 'Call this tool.' : 'Call one of these tools.',
    'Answer with JSON only: {"name": <tool name>, "arguments": <arguments object>}',
  ];
  for (const tool of tools) {
    const description = tool.description === undefined || tool.description === '' ? '' : ` ${tool.description}`;
    lines.push(`- ${tool.name}:${description} Parameters: ${JSON.stringify(tool.parameters ?? {})}`);
  }
  return lines.join('\n');
}
