import type { LlamaChatResponseFunctionCallParamsChunk } from 'node-llama-cpp';
import { generateToolCallId, safeParseJson } from '../../kit/index.js';
import { GatewayError, isJsonObject } from '../../spec/index.js';
import type { ChatStreamEvent, JsonObject, JsonValue } from '../../spec/index.js';
import { validateJsonValue } from '../json-schema/index.js';
import { mapLocalStopReason } from './map-local-stop-reason.js';
import type { LocalOutputMode } from './prepared-local-chat.js';
import type { LocalChatOutcome, LocalOutputSink } from './run-llama-chat.js';

const CHOICE = 0;

/**
 * Turns one run's output into stream events as it arrives, and its end into the choice's finish: text and
 * thoughts stream token by token; the model's own function calls stream as tool calls; a forced call is
 * held until complete (its text is the `{"name", "arguments"}` wrapper, not the answer) and then checked.
 * JSON answers are checked against their schema at the end: one that breaks it ends the stream with an
 * error in place of the finish, since the grammar was supposed to make that impossible.
 */
export class LocalAnswer implements LocalOutputSink {
  /** Thought tokens as streamed; the engine has no exact count of them, so usage takes these. */
  reasoningTokens = 0;
  private readonly toolIndexByCall = new Map<number, { toolIndex: number; argumentsSent: boolean }>();
  private heldText = '';

  constructor(
    private readonly mode: LocalOutputMode,
    private readonly modelName: string,
    private readonly emit: (event: ChatStreamEvent) => void,
    private readonly onOutput: () => void,
  ) {}

  text(delta: string): void {
    this.onOutput();
    if (delta === '') return;
    if (this.mode.kind === 'forced-tool') this.heldText += delta;
    else this.emit({ type: 'text-delta', choice: CHOICE, delta });
  }

  reasoning(delta: string, tokens: number): void {
    this.onOutput();
    this.reasoningTokens += tokens;
    if (delta !== '') this.emit({ type: 'reasoning-delta', choice: CHOICE, delta });
  }

  functionCallChunk(chunk: LlamaChatResponseFunctionCallParamsChunk): void {
    this.onOutput();
    const call = this.startCall(chunk.callIndex, chunk.functionName);
    if (chunk.paramsChunk === '') return;
    call.argumentsSent = true;
    this.emit({
      type: 'tool-call-delta',
      choice: CHOICE,
      toolIndex: call.toolIndex,
      argumentsDelta: chunk.paramsChunk,
    });
  }

  /** Emits the finish (or the error that replaces it); false when the answer failed its checks. */
  finish(outcome: LocalChatOutcome): boolean {
    const finishReason = mapLocalStopReason(outcome.stopReason);
    if (outcome.stopReason === 'abort' || outcome.stopReason === 'maxTokens') {
      // A cut answer is not checked: it could not be complete. A forced call's text is shown as it stands.
      if (this.mode.kind === 'forced-tool' && outcome.stopReason === 'maxTokens' && this.heldText !== '') {
        this.emit({ type: 'text-delta', choice: CHOICE, delta: this.heldText });
      }
      this.emit({ type: 'choice-finish', choice: CHOICE, finishReason });
      return true;
    }
    switch (this.mode.kind) {
      case 'text':
        break;
      case 'auto-tools':
        this.completeFunctionCalls(outcome.functionCalls);
        break;
      case 'json': {
        const problems = problemsOf(outcome.text, this.mode.schema);
        if (problems.length > 0)
          return this.fail(`an answer that breaks the response_format schema: ${problems.join('; ')}`);
        break;
      }
      case 'forced-tool': {
        const call = this.forcedCall(outcome.text);
        if (typeof call === 'string') return this.fail(call);
        this.emit({ type: 'tool-call-start', choice: CHOICE, toolIndex: 0, id: generateToolCallId(), name: call.name });
        this.emit({
          type: 'tool-call-delta',
          choice: CHOICE,
          toolIndex: 0,
          argumentsDelta: JSON.stringify(call.arguments),
        });
        this.emit({
          type: 'choice-finish',
          choice: CHOICE,
          finishReason: { unified: 'tool_calls', raw: 'tool_calls' },
        });
        return true;
      }
    }
    this.emit({ type: 'choice-finish', choice: CHOICE, finishReason });
    return true;
  }

  private startCall(callIndex: number, name: string): { toolIndex: number; argumentsSent: boolean } {
    let call = this.toolIndexByCall.get(callIndex);
    if (call === undefined) {
      call = { toolIndex: this.toolIndexByCall.size, argumentsSent: false };
      this.toolIndexByCall.set(callIndex, call);
      this.emit({ type: 'tool-call-start', choice: CHOICE, toolIndex: call.toolIndex, id: generateToolCallId(), name });
    }
    return call;
  }

  /** Calls whose parameters never streamed (functions without parameters) still reach the client, with `{}`. */
  private completeFunctionCalls(calls: LocalChatOutcome['functionCalls']): void {
    calls.forEach((functionCall, index) => {
      const call = this.startCall(index, functionCall.name);
      if (call.argumentsSent) return;
      call.argumentsSent = true;
      const argumentsText = functionCall.params === undefined ? '{}' : JSON.stringify(functionCall.params);
      this.emit({ type: 'tool-call-delta', choice: CHOICE, toolIndex: call.toolIndex, argumentsDelta: argumentsText });
    });
  }

  /** The forced answer as a call, or what is wrong with it. */
  private forcedCall(text: string): { name: string; arguments: JsonObject } | string {
    if (this.mode.kind !== 'forced-tool') return 'no forced tool call was asked for';
    const parsed = safeParseJson(text);
    if (!parsed.ok || !isJsonObject(parsed.value))
      return `a tool call that is not a JSON object: ${text.slice(0, 200)}`;
    const { name, arguments: args } = parsed.value;
    const tool = typeof name === 'string' ? this.mode.tools.get(name) : undefined;
    if (tool === undefined) return `a call to a tool that was not offered: ${JSON.stringify(name ?? null)}`;
    if (!isJsonObject(args)) return `arguments for ${tool.name} that are not a JSON object`;
    const problems = tool.preparedParameters === undefined ? [] : validateJsonValue(args, tool.preparedParameters);
    if (problems.length > 0)
      return `arguments for ${tool.name} that break its parameters schema: ${problems.join('; ')}`;
    return { name: tool.name, arguments: args };
  }

  private fail(what: string): false {
    this.emit({
      type: 'error',
      error: new GatewayError('upstream_error', `The local model ${this.modelName} produced ${what}.`),
    });
    return false;
  }
}

function problemsOf(text: string, schema: JsonObject): string[] {
  const parsed = safeParseJson(text);
  if (!parsed.ok) return [`not JSON (${parsed.error.message})`];
  const value: JsonValue = parsed.value;
  return validateJsonValue(value, schema);
}
