import type {
  LlamaChatResponseChunk,
  LlamaChatResponseFunctionCallParamsChunk,
  LlamaContextSequence,
} from 'node-llama-cpp';
import { invalidUtf8ByteBias } from './invalid-utf8-byte-bias.js';
import type { LocalStopReason } from './map-local-stop-reason.js';
import type { LocalChatPlan } from './prepared-local-chat.js';

/** Where the run's output goes as it is generated. */
export interface LocalOutputSink {
  text(delta: string): void;
  reasoning(delta: string, tokens: number): void;
  functionCallChunk(chunk: LlamaChatResponseFunctionCallParamsChunk): void;
}

export interface LocalChatOutcome {
  stopReason: LocalStopReason;
  /** The answer's text, thoughts and stop sequences left out. */
  text: string;
  /** Function calls in the order made, with their parsed parameters. */
  functionCalls: { name: string; params: unknown }[];
}

/** One LlamaChat response on the leased sequence, with the plan's sampling and output mode. */
export async function runLlamaChat(
  plan: LocalChatPlan,
  sequence: LlamaContextSequence,
  signal: AbortSignal,
  sink: LocalOutputSink,
): Promise<LocalChatOutcome> {
  const chat = new plan.model.runtime.lib.LlamaChat({ contextSequence: sequence, chatWrapper: plan.model.chatWrapper });
  const { sampling } = plan;
  const common = {
    signal,
    // Ends the response where it is (stop reason "abort") instead of throwing once tokens have been generated.
    stopOnAbortSignal: true,
    maxTokens: plan.maxOutputTokens,
    temperature: sampling.temperature,
    topP: sampling.topP,
    topK: sampling.topK,
    minP: sampling.minP,
    seed: sampling.seed,
    repeatPenalty: sampling.repeatPenalty,
    ...(sampling.customStopTriggers.length > 0 ? { customStopTriggers: sampling.customStopTriggers } : {}),
    // prepareLocalChat made prompt and answer fit; should the context fill anyway, fail rather than drop messages.
    contextShift: { strategy: refuseContextShift },
    onResponseChunk: (chunk: LlamaChatResponseChunk) => {
      if (chunk.type === 'segment' && chunk.segmentType === 'thought') sink.reasoning(chunk.text, chunk.tokens.length);
      else sink.text(chunk.text);
    },
  };
  try {
    const { mode } = plan;
    switch (mode.kind) {
      case 'text':
        return outcomeOf(await chat.generateResponse(plan.history, common));
      case 'json':
      case 'forced-tool': {
        const tokenBias = invalidUtf8ByteBias(plan.model.runtime.lib, plan.model.model);
        return outcomeOf(
          await chat.generateResponse(plan.history, {
            ...common,
            grammar: mode.grammar,
            ...(tokenBias === undefined ? {} : { tokenBias }),
          }),
        );
      }
      case 'auto-tools': {
        const response = await chat.generateResponse(plan.history, {
          ...common,
          functions: mode.plan.functions,
          documentFunctionParams: true,
          ...(mode.plan.maxParallelFunctionCalls === undefined
            ? {}
            : { maxParallelFunctionCalls: mode.plan.maxParallelFunctionCalls }),
          onFunctionCallParamsChunk: (chunk) => sink.functionCallChunk(chunk),
        });
        return {
          ...outcomeOf(response),
          functionCalls: (response.functionCalls ?? []).map((call) => ({
            name: call.functionName,
            params: call.params,
          })),
        };
      }
    }
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}

function outcomeOf(response: { response: string; metadata: { stopReason: LocalStopReason } }): LocalChatOutcome {
  return { stopReason: response.metadata.stopReason, text: response.response, functionCalls: [] };
}

function refuseContextShift(): never {
  throw new Error('The answer outgrew the context the request was checked against.');
}
