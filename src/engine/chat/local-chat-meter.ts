import type { LlamaContextSequence, TokenMeterState } from 'node-llama-cpp';
import type { JsonObject, Usage } from '../../spec/index.js';

/**
 * Usage and timings of one run, from the sequence's token meter (exact, nothing estimated).
 *
 * The meter counts a token as output when its logits are computed, which is once per sampled token; the
 * prompt's last token is among them (its logits give the first answer token) while the last answer token
 * is never evaluated. So the prompt is the meter's input plus that one token, and the answer is the meter's
 * output: together exactly the prompt as rendered and every token the model generated.
 */
export class LocalChatMeter {
  private before: TokenMeterState = { usedInputTokens: 0, usedOutputTokens: 0 };
  private after: TokenMeterState = { usedInputTokens: 0, usedOutputTokens: 0 };
  private startedAt = 0;
  private endedAt = 0;
  private firstOutputAt: number | undefined;

  constructor(private readonly sequence: LlamaContextSequence) {}

  start(): void {
    this.before = this.sequence.tokenMeter.getState();
    this.after = this.before;
    this.startedAt = performance.now();
  }

  /** Called on every piece of output; the first one marks the time to first token. */
  markOutput(): void {
    this.firstOutputAt ??= performance.now();
  }

  stop(): void {
    this.after = this.sequence.tokenMeter.getState();
    this.endedAt = performance.now();
  }

  /** `reasoningTokens` counts thought-segment tokens as streamed; it is taken out of the output bucket. */
  usage(reasoningTokens: number): Usage {
    const evaluatedInput = this.after.usedInputTokens - this.before.usedInputTokens;
    const generated = this.after.usedOutputTokens - this.before.usedOutputTokens;
    const input = evaluatedInput + Math.min(generated, 1);
    const reasoning = Math.min(reasoningTokens, generated);
    const firstOutputAt = this.firstOutputAt ?? this.endedAt;
    const predictedMs = this.endedAt - firstOutputAt;
    const timings: JsonObject = {
      prompt_ms: round(firstOutputAt - this.startedAt),
      predicted_ms: round(predictedMs),
      predicted_n: generated,
      predicted_per_second: predictedMs > 0 ? round((generated / predictedMs) * 1000) : 0,
    };
    if (this.firstOutputAt !== undefined) timings.time_to_first_token_ms = round(this.firstOutputAt - this.startedAt);
    return {
      input,
      cachedInput: 0,
      cacheWriteInput: 0,
      output: generated - reasoning,
      reasoning,
      raw: {
        prompt_tokens: input,
        completion_tokens: generated,
        total_tokens: input + generated,
        timings,
      },
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
