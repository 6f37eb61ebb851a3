import type { ChatPlan, PlannedChoice } from './chat-plan.js';
import { splitIntoPieces } from './deterministic-reply.js';
import type { JsonObject } from './deterministic-reply.js';
import type { OpenAiFlavor } from './emulator-types.js';

export interface ChatWireOptions {
  flavor: OpenAiFlavor;
  id: string;
  created: number;
  /** How many deltas the content (and the reasoning, and each tool call's arguments) is split into. */
  streamChunks: number;
}

const SYSTEM_FINGERPRINT = 'fp_emulator01';

function tokenLogprob(token: string): JsonObject {
  return { token, logprob: -0.25, bytes: [...Buffer.from(token, 'utf8')], top_logprobs: [] };
}

/** Logprobs list one token per stream piece, so a streamed and a non-streamed answer agree. */
function logprobsFor(pieces: readonly string[]): JsonObject {
  return { content: pieces.map(tokenLogprob), refusal: null };
}

/** The `chat.completion` object. */
export function chatCompletionBody(plan: ChatPlan, options: ChatWireOptions): JsonObject {
  const choices = plan.choices.map((choice) => {
    const message: JsonObject = { role: 'assistant', content: choice.content, refusal: null };
    if (choice.reasoning !== undefined) message.reasoning_content = choice.reasoning;
    if (choice.toolCalls.length > 0) {
      message.tool_calls = choice.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
    }
    if (options.flavor === 'openai') message.annotations = [];
    const logprobs =
      plan.logprobs && choice.content !== null
        ? logprobsFor(splitIntoPieces(choice.content, options.streamChunks))
        : null;
    return { index: choice.index, message, logprobs, finish_reason: choice.finishReason };
  });
  const body: JsonObject = {
    id: options.id,
    object: 'chat.completion',
    created: options.created,
    model: plan.model,
    choices,
    usage: plan.usage,
  };
  if (options.flavor === 'openai' || options.flavor === 'xai') body.system_fingerprint = SYSTEM_FINGERPRINT;
  if (options.flavor === 'openai') body.service_tier = 'default';
  return body;
}

interface ChoiceStep {
  delta: JsonObject;
  logprobs?: JsonObject;
  finishReason?: string;
}

/** The deltas one choice streams: role first, reasoning before content, tool calls as index-keyed fragments. */
function choiceSteps(choice: PlannedChoice, options: ChatWireOptions, withLogprobs: boolean): ChoiceStep[] {
  const steps: ChoiceStep[] = [];
  const deepseek = options.flavor === 'deepseek';
  if (choice.reasoning !== undefined) {
    for (const piece of splitIntoPieces(choice.reasoning, options.streamChunks)) {
      steps.push({ delta: deepseek ? { content: null, reasoning_content: piece } : { reasoning_content: piece } });
    }
  }
  if (choice.toolCalls.length > 0) {
    choice.toolCalls.forEach((call, index) => {
      steps.push({
        delta: {
          tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
        },
      });
      for (const piece of splitIntoPieces(call.arguments, options.streamChunks)) {
        steps.push({ delta: { tool_calls: [{ index, function: { arguments: piece } }] } });
      }
    });
  } else {
    for (const piece of splitIntoPieces(choice.content ?? '', options.streamChunks)) {
      const step: ChoiceStep = {
        delta:
          deepseek && choice.reasoning !== undefined ? { content: piece, reasoning_content: null } : { content: piece },
      };
      if (withLogprobs) step.logprobs = logprobsFor([piece]);
      steps.push(step);
    }
  }
  const role =
    choice.toolCalls.length > 0 || choice.reasoning !== undefined
      ? { role: 'assistant', content: null }
      : { role: 'assistant', content: '' };
  const first = steps[0];
  if (options.flavor === 'xai' && first !== undefined) {
    // xAI puts the role on the first real delta: {"reasoning_content":"First","role":"assistant"}.
    first.delta = { ...first.delta, role: 'assistant' };
  } else {
    steps.unshift({ delta: options.flavor === 'openai' ? { ...role, refusal: null } : role });
  }
  steps.push({ delta: {}, finishReason: choice.finishReason });
  return steps;
}

/**
 * The `chat.completion.chunk` objects of a stream. Choices are interleaved round-robin (as with `n` > 1 upstream),
 * one choice per chunk. With `includeUsage`, every chunk carries `usage: null` and a last chunk with `choices: []`
 * carries the usage. xAI leaves `finish_reason` out of early chunks instead of sending null.
 */
export function chatCompletionChunks(plan: ChatPlan, options: ChatWireOptions, includeUsage: boolean): JsonObject[] {
  const perChoice = plan.choices.map((choice) => choiceSteps(choice, options, plan.logprobs));
  const longest = Math.max(...perChoice.map((steps) => steps.length));
  const chunks: JsonObject[] = [];
  const envelope = (choices: JsonObject[]): JsonObject => {
    const chunk: JsonObject = {
      id: options.id,
      object: 'chat.completion.chunk',
      created: options.created,
      model: plan.model,
      choices,
    };
    if (options.flavor === 'openai' || options.flavor === 'xai') chunk.system_fingerprint = SYSTEM_FINGERPRINT;
    if (options.flavor === 'openai') chunk.service_tier = 'default';
    if (includeUsage) chunk.usage = null;
    return chunk;
  };
  for (let position = 0; position < longest; position += 1) {
    perChoice.forEach((steps, choiceIndex) => {
      const step = steps[position];
      if (step === undefined) return;
      const choice: JsonObject = { index: choiceIndex, delta: step.delta };
      if (options.flavor !== 'xai') {
        choice.logprobs = step.logprobs ?? null;
        choice.finish_reason = step.finishReason ?? null;
      } else if (step.finishReason !== undefined) {
        choice.finish_reason = step.finishReason;
      }
      chunks.push(envelope([choice]));
    });
  }
  if (includeUsage) chunks.push({ ...envelope([]), usage: plan.usage });
  return chunks;
}
