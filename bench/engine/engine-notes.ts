import type { EngineBenchResults } from './engine-results.js';

/** The issue's target: Hangar's tokens/s at least this share of raw node-llama-cpp's. */
export const TARGET_RATIO = 0.95;

/** What a reader should know to trust (or distrust) the figures, derived from the results themselves. */
export function automaticNotes(results: EngineBenchResults): string[] {
  const notes: string[] = [];
  const { workload, consistency } = results;
  for (const side of ['raw', 'hangar'] as const) {
    const { min, max } = consistency[side].outputTokens;
    if (min < workload.maxTokens) {
      notes.push(
        `Some ${side} generations stopped before max_tokens (${min}–${max} tokens): tokens/s counts the tokens ` +
          'actually generated, so the figures stay comparable, but a shorter answer weighs the first token more.',
      );
    } else if (max > workload.maxTokens) {
      notes.push(`${side} reported up to ${max} tokens for max_tokens ${workload.maxTokens}: check the token count.`);
    }
  }
  if (consistency.raw.textStart !== consistency.hangar.textStart) {
    notes.push(
      `The two sides' one-stream answers start differently (raw ${JSON.stringify(consistency.raw.textStart)}, ` +
        `Hangar ${JSON.stringify(consistency.hangar.textStart)}): they did not run the same generation.`,
    );
  }
  const foreign = results.foreignCpuShare ?? 0;
  const background = results.machine.backgroundCpuShare ?? 0;
  if (foreign > 0.05 || background > 0.1) {
    notes.push(
      `Other work on the machine used ${(foreign * 100).toFixed(0)}% of its CPU during the run ` +
        `(${(background * 100).toFixed(0)}% just before it). Every figure is wall-clock on a shared machine; the ` +
        'per-round ratios (both sides of a round ran back to back) and the CPU per 1,000 tokens suffer least from it.',
    );
  }
  const below = results.comparisons.filter(
    (comparison) =>
      comparison.metric.comparison === 'ratio' &&
      comparison.metric.better === 'higher' &&
      comparison.median < TARGET_RATIO,
  );
  if (below.length > 0) {
    notes.push(
      `Below the ${TARGET_RATIO}× target: ${below
        .map((comparison) => `${comparison.metric.label} (${comparison.median.toFixed(3)}×)`)
        .join('; ')}.`,
    );
  }
  const unstreamed = results.layerComparisons.find((comparison) =>
    comparison.metric.label.includes('`stream: false`, 1 stream'),
  );
  const streamed = results.comparisons.find((comparison) =>
    comparison.metric.label.startsWith('Aggregate throughput, 1 stream'),
  );
  if (unstreamed !== undefined && streamed !== undefined && unstreamed.median - streamed.median > 0.05) {
    notes.push(
      `Without SSE (\`stream: false\`) Hangar keeps ${unstreamed.median.toFixed(3)}× of raw throughput on one stream, ` +
        `against ${streamed.median.toFixed(3)}× streamed: most of the difference is the per-token SSE path ` +
        '(one rendered chunk and one socket write per token in Hangar, one read and parse per token in the client), ' +
        'not the engine, the scheduler or the event pipeline.',
    );
  }
  return notes;
}
