/** The mean of the last `windowSize` samples: recent enough to follow a model whose load changes. */
export interface MovingAverage {
  add(sample: number): void;
  /** Undefined until the first sample. */
  value(): number | undefined;
}

export function createMovingAverage(windowSize: number): MovingAverage {
  if (!Number.isInteger(windowSize) || windowSize < 1) {
    throw new RangeError(`windowSize must be a positive integer, got ${windowSize}.`);
  }
  // A ring buffer with a running sum, so add() and value() cost the same however long the server runs.
  const samples: number[] = [];
  let next = 0;
  let sum = 0;
  return {
    add(sample) {
      if (samples.length < windowSize) {
        samples.push(sample);
      } else {
        sum -= samples[next] ?? 0;
        samples[next] = sample;
        next = (next + 1) % windowSize;
      }
      sum += sample;
    },
    value() {
      return samples.length === 0 ? undefined : sum / samples.length;
    },
  };
}
