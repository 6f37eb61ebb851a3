import type { QuotaLimiter } from '../../src/quota/index.js';

export interface ExactnessFigures {
  trials: number;
  clients: number;
  tpm: number;
  /** Fewest and most tokens admitted in one window over the trials. */
  minimumAdmitted: number;
  maximumAdmitted: number;
}

/**
 * The done-when check, repeated: 200 clients at once, each asking for 1–100 tokens until refused, against one
 * window of a 10,000 TPM key. `limiters` share one store (several Redis connections stand for replicas).
 */
export async function measureExactness(
  openLimiters: (now: () => number) => QuotaLimiter[],
  options: { trials: number },
): Promise<ExactnessFigures> {
  const tpm = 10_000;
  const clients = 200;
  // A fixed instant inside one window: the trial measures the limiter, not where a minute boundary falls.
  const limiters = openLimiters(() => 1_800_000_030_000);
  const admittedPerTrial: number[] = [];
  try {
    for (let trial = 0; trial < options.trials; trial += 1) {
      const key = `bench-exactness-${trial}`;
      let admittedTokens = 0;
      await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          const limiter = limiters[client % limiters.length];
          if (limiter === undefined) throw new Error('no limiter to run the exactness trial on');
          for (;;) {
            const tokens = 1 + Math.floor(Math.random() * 100);
            const result = await limiter.reserve(key, { tokens }, { tpm, rpm: 1_000_000 });
            if (!result.admitted) return;
            admittedTokens += tokens;
          }
        }),
      );
      admittedPerTrial.push(admittedTokens);
    }
  } finally {
    await Promise.all(limiters.map((limiter) => limiter.close()));
  }
  return {
    trials: options.trials,
    clients,
    tpm,
    minimumAdmitted: Math.min(...admittedPerTrial),
    maximumAdmitted: Math.max(...admittedPerTrial),
  };
}
