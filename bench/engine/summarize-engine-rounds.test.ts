import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aggregateTokensPerSecond,
  decodeTokensPerSecond,
  runConcurrent,
  type ConcurrentRun,
  type GenerationSample,
} from './engine-workload.js';
import type { MeasuredRun } from './measure-side-run.js';
import {
  compareRounds,
  HEADLINE_METRICS,
  LAYER_METRICS,
  summarizeHangarLayers,
  summarizeSideRound,
  type RoundRecord,
  type SideRound,
} from './summarize-engine-rounds.js';

function sample(overrides: Partial<GenerationSample> = {}): GenerationSample {
  return {
    firstTokenMs: 5,
    lastTokenMs: 132,
    totalMs: 133,
    outputTokens: 128,
    chunks: 128,
    stopReason: 'maxTokens',
    textStart: 'Once',
    ...overrides,
  };
}

function measured(run: ConcurrentRun, cpu: 'known' | 'unknown' = 'known'): MeasuredRun {
  return { run, cpuMs: cpu === 'known' ? 100 : undefined, clientCpuMs: 10, peakRssMib: 200 };
}

function side(overrides: Partial<SideRound> = {}): SideRound {
  return {
    ttftMs: 6,
    decodeTokensPerSecond: 1000,
    aggregate1TokensPerSecond: 900,
    aggregate4TokensPerSecond: 1200,
    aggregate8TokensPerSecond: 1400,
    ttftAt8Ms: 40,
    decodeAt8TokensPerSecond: 180,
    cpuMsPer1000Tokens: 700,
    clientCpuMsPer1000Tokens: 0,
    ...overrides,
  };
}

const LAYERS = {
  gatewayTtftMs: 6,
  engineTtftMs: 5,
  engineDecodeTokensPerSecond: 1000,
  unstreamed1TokensPerSecond: 900,
  unstreamed8TokensPerSecond: 1400,
};

describe('engine bench figures', () => {
  it('counts decode speed from the second token on, over the time between first and last piece of text', () => {
    // 127 tokens after the first, in 127 ms: 1,000 tok/s.
    assert.equal(decodeTokensPerSecond(sample()), 1000);
    assert.ok(Number.isNaN(decodeTokensPerSecond(sample({ outputTokens: 1 }))));
    assert.ok(Number.isNaN(decodeTokensPerSecond(sample({ lastTokenMs: 5 }))));
  });

  it('counts aggregate throughput as every token over the wall time', () => {
    const run: ConcurrentRun = { concurrency: 2, samples: [sample(), sample({ outputTokens: 72 })], wallMs: 200 };
    assert.equal(aggregateTokensPerSecond(run), 1000);
  });

  it('runs the streams at once, each with its requests in turn', async () => {
    const started: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const run = await runConcurrent(3, 2, async (stream) => {
      started.push(stream);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return sample();
    });
    assert.equal(run.samples.length, 6);
    assert.equal(mostAtOnce, 3);
    assert.deepEqual(
      [...started].sort((left, right) => left - right),
      [0, 0, 1, 1, 2, 2],
    );
  });

  it('summarises a round: medians of one stream, aggregates per concurrency, CPU per 1,000 tokens', () => {
    const one: ConcurrentRun = {
      concurrency: 1,
      samples: [sample({ firstTokenMs: 4 }), sample({ firstTokenMs: 6 }), sample({ firstTokenMs: 9 })],
      wallMs: 400,
    };
    const eight: ConcurrentRun = {
      concurrency: 8,
      samples: Array.from({ length: 8 }, () => sample({ firstTokenMs: 30, lastTokenMs: 665 })),
      wallMs: 800,
    };
    const round = summarizeSideRound({ sequential: measured(one), four: measured(eight), eight: measured(eight) });
    assert.equal(round.ttftMs, 6);
    assert.equal(round.aggregate1TokensPerSecond, 960);
    assert.equal(round.aggregate8TokensPerSecond, 1280);
    assert.equal(round.ttftAt8Ms, 30);
    assert.equal(round.decodeAt8TokensPerSecond, 200);
    // 300 ms of CPU over 384 + 1,024 + 1,024 tokens.
    assert.equal(round.cpuMsPer1000Tokens, 300_000 / 2432);
    assert.equal(round.clientCpuMsPer1000Tokens, 30_000 / 2432);
    const unknownCpu = summarizeSideRound({
      sequential: measured(one, 'unknown'),
      four: measured(eight),
      eight: measured(eight),
    });
    assert.ok(Number.isNaN(unknownCpu.cpuMsPer1000Tokens));
  });

  it('reads Hangar’s own timings of streamed requests only', () => {
    const run: ConcurrentRun = { concurrency: 1, samples: [sample()], wallMs: 128 };
    const layers = summarizeHangarLayers({
      sequentialTimings: [
        {
          streamed: true,
          latencyMs: 140,
          gatewayFirstTokenMs: 6,
          engineFirstTokenMs: 5,
          enginePredictedMs: 127,
          enginePredictedTokens: 128,
          queueMs: 0,
        },
        {
          streamed: false,
          latencyMs: 999,
          gatewayFirstTokenMs: undefined,
          engineFirstTokenMs: 99,
          enginePredictedMs: 1,
          enginePredictedTokens: 128,
          queueMs: 0,
        },
      ],
      unstreamedSequential: run,
      unstreamedEight: run,
    });
    assert.equal(layers.gatewayTtftMs, 6);
    assert.equal(layers.engineTtftMs, 5);
    assert.equal(layers.engineDecodeTokensPerSecond, 1000);
    assert.equal(layers.unstreamed1TokensPerSecond, 1000);
  });

  it('computes ratios and differences within each round, then their median', () => {
    const rounds: RoundRecord[] = [
      {
        order: ['raw', 'hangar'],
        raw: side(),
        hangar: side({ decodeTokensPerSecond: 900, ttftMs: 8 }),
        hangarLayers: LAYERS,
      },
      {
        order: ['hangar', 'raw'],
        // A slow round for both: the ratio stays what it was.
        raw: side({ decodeTokensPerSecond: 500 }),
        hangar: side({ decodeTokensPerSecond: 450, ttftMs: 7 }),
        hangarLayers: LAYERS,
      },
      {
        order: ['raw', 'hangar'],
        raw: side(),
        hangar: side({ decodeTokensPerSecond: 990, ttftMs: 6.5 }),
        hangarLayers: LAYERS,
      },
    ];
    const comparisons = compareRounds(HEADLINE_METRICS, rounds);
    const decode = comparisons.find((comparison) => comparison.metric.label.startsWith('Decode speed, 1 stream'));
    assert.deepEqual(decode?.perRound, [0.9, 0.9, 0.99]);
    assert.equal(decode?.median, 0.9);
    assert.equal(decode?.rawMedian, 1000);
    const ttft = comparisons.find((comparison) => comparison.metric.label.startsWith('Time to first token, 1 stream'));
    assert.deepEqual(ttft?.perRound, [2, 1, 0.5]);
    assert.equal(ttft?.median, 1);
    assert.equal(ttft?.min, 0.5);
    assert.equal(ttft?.max, 2);

    const layers = compareRounds(LAYER_METRICS, rounds);
    assert.equal(layers.length, LAYER_METRICS.length);
    assert.equal(layers[0]?.median, -1);
  });
});
