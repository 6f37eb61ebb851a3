import type { ChatWrapperGenerateContextStateOptions, LlamaGrammar } from 'node-llama-cpp';
import { GatewayError } from '../../spec/index.js';
import type { CallContext, ChatRequest, JsonObject } from '../../spec/index.js';
import { ANY_JSON_OBJECT_SCHEMA, prepareJsonSchema } from '../json-schema/index.js';
import { convertToChatHistory } from './convert-to-chat-history.js';
import type { LocalChatModel } from './local-chat-model.js';
import { readLocalChatSettings, type LocalChatSettings } from './local-chat-settings.js';
import { LOCAL_SAMPLING_DEFAULTS } from './local-sampling-defaults.js';
import { planLocalTools } from './plan-local-tools.js';
import { createSingleLineJsonGrammar } from './single-line-json-grammar.js';
import {
  publishPlan,
  type LocalOutputMode,
  type LocalSampling,
  type PreparedLocalChat,
} from './prepared-local-chat.js';

/**
 * Everything that can fail with a 4xx happens here, before a slot is taken: settings mapped or refused,
 * messages converted, grammars built, the prompt rendered and counted. The prompt and the answer must fit
 * in the slot's context together; a request that does not is refused naming both numbers — never trimmed.
 */
export async function prepareLocalChat(
  request: ChatRequest,
  model: LocalChatModel,
  context: CallContext,
): Promise<PreparedLocalChat> {
  const settings = readLocalChatSettings(request, context);
  const history = convertToChatHistory(request.messages);
  const toolPlan = planLocalTools(settings.tools, settings.toolChoice, settings.parallelToolCalls);

  // The answer's shape. Grammars are built last, once the request is known to fit.
  let shape: { kind: 'text' } | { kind: 'grammar'; schema: JsonObject; param: string };
  if (toolPlan.kind === 'forced') {
    // The answer is a tool call, so a response_format for text has nothing to shape.
    if (settings.responseFormat !== undefined && settings.responseFormat.type !== 'text') {
      context.warnings.push({
        type: 'dropped',
        param: 'response_format',
        detail: 'the answer is the forced tool call, shaped by its parameters schema.',
      });
    }
    history.unshift({ type: 'system', text: toolPlan.instructions });
    shape = { kind: 'grammar', schema: toolPlan.answerSchema, param: 'tools' };
  } else if (settings.responseFormat !== undefined && settings.responseFormat.type !== 'text') {
    if (toolPlan.kind === 'auto') {
      throw new GatewayError(
        'unsupported_parameter',
        `A local model cannot combine tools the model may call (tool_choice "auto") with response_format ` +
          `${settings.responseFormat.type}: set tool_choice to "required", "none" or a function, or drop response_format.`,
        { param: 'response_format' },
      );
    }
    const jsonSchema = settings.responseFormat.type === 'json_schema' ? settings.responseFormat.schema : undefined;
    const param = jsonSchema === undefined ? 'response_format' : 'response_format.json_schema.schema';
    shape = { kind: 'grammar', schema: prepareJsonSchema(jsonSchema ?? ANY_JSON_OBJECT_SCHEMA, param), param };
  } else {
    shape = { kind: 'text' };
  }

  // LlamaChat generates the next model response; ending the history with one makes the counted prompt
  // the rendered one (and continues an assistant message the client left open).
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  const promptTokens = countPromptTokens(model, {
    chatHistory: history,
    ...(toolPlan.kind === 'auto' ? { availableFunctions: toolPlan.functions, documentFunctionParams: true } : {}),
  });
  const maxOutputTokens = checkContextFits(promptTokens, settings, request, model.contextSize);

  let mode: LocalOutputMode;
  if (shape.kind === 'text') {
    mode = toolPlan.kind === 'auto' ? { kind: 'auto-tools', plan: toolPlan } : { kind: 'text' };
  } else {
    const grammar = await grammarFor(model, shape.schema, shape.param);
    mode =
      toolPlan.kind === 'forced'
        ? { kind: 'forced-tool', grammar, tools: toolPlan.tools }
        : { kind: 'json', grammar, schema: shape.schema };
  }

  return publishPlan({
    model,
    history,
    sampling: samplingOf(settings),
    mode,
    promptTokens,
    maxOutputTokens,
  });
}

async function grammarFor(model: LocalChatModel, schema: JsonObject, param: string): Promise<LlamaGrammar> {
  try {
    return await createSingleLineJsonGrammar(model.runtime, schema);
  } catch (error) {
    throw new GatewayError(
      'invalid_request',
      `The schema in '${param}' cannot be turned into a grammar: ${error instanceof Error ? error.message : String(error)}`,
      { param, cause: error },
    );
  }
}

function countPromptTokens(model: LocalChatModel, options: ChatWrapperGenerateContextStateOptions): number {
  let rendered;
  try {
    rendered = model.chatWrapper.generateContextState(options);
  } catch (error) {
    // Templates raise on conversations they do not accept (say, two user messages in a row).
    throw new GatewayError(
      'invalid_request',
      `The chat template of ${model.name} cannot render these messages: ${error instanceof Error ? error.message : String(error)}`,
      { param: 'messages', cause: error },
    );
  }
  return rendered.contextText.tokenize(model.model.tokenizer).length;
}

/** The answer's token budget; refuses requests whose prompt and answer cannot share the slot's context. */
function checkContextFits(
  promptTokens: number,
  settings: LocalChatSettings,
  request: ChatRequest,
  contextSize: number,
): number {
  const room = contextSize - promptTokens;
  // LlamaChat starts only with a token to spare after the prompt; with less it would drop messages itself.
  if (room < 2) {
    throw new GatewayError(
      'invalid_request',
      `The prompt takes ${promptTokens} tokens, which leaves no room for an answer in this model's context of ` +
        `${contextSize} tokens per request. Shorten the messages.`,
      { param: 'messages' },
    );
  }
  const maxTokens = settings.maxOutputTokens;
  if (maxTokens === undefined) return room;
  if (promptTokens + maxTokens > contextSize) {
    const field = request.maxOutputTokensField ?? 'max_tokens';
    throw new GatewayError(
      'invalid_request',
      `The prompt takes ${promptTokens} tokens and ${field} asks for ${maxTokens} more (${promptTokens + maxTokens} ` +
        `in all), but this model's context holds ${contextSize} tokens per request. Lower ${field} to at most ` +
        `${room} or shorten the messages.`,
      { param: field },
    );
  }
  return maxTokens;
}

function samplingOf(settings: LocalChatSettings): LocalSampling {
  const penalised =
    settings.presencePenalty !== undefined ||
    settings.frequencyPenalty !== undefined ||
    settings.repeatPenalty !== undefined;
  return {
    temperature: settings.temperature,
    topP: settings.topP,
    topK: settings.topK,
    minP: settings.minP,
    seed: settings.seed,
    // Off unless asked for: node-llama-cpp's default (a 1.1 repeat penalty) is not llama-server's.
    repeatPenalty: penalised
      ? {
          lastTokens: LOCAL_SAMPLING_DEFAULTS.penaltyLastTokens,
          penalty: settings.repeatPenalty ?? LOCAL_SAMPLING_DEFAULTS.repeatPenalty,
          ...(settings.presencePenalty === undefined ? {} : { presencePenalty: settings.presencePenalty }),
          ...(settings.frequencyPenalty === undefined ? {} : { frequencyPenalty: settings.frequencyPenalty }),
        }
      : false,
    customStopTriggers: settings.stop,
  };
}
