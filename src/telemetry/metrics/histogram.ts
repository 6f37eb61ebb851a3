/**
 * A Prometheus histogram of one label set: a count per bucket (not cumulative; made cumulative when rendered),
 * the sum and the count. Observing is a short scan over a fixed array, with no allocation.
 */
export class Histogram {
  /** Non-cumulative counts; the last slot is the `+Inf` bucket. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(readonly upperBounds: readonly number[]) {
    this.counts = new Float64Array(upperBounds.length + 1);
  }

  observe(value: number): void {
    const bounds = this.upperBounds;
    let index = 0;
    while (index < bounds.length && value > bounds[index]!) index += 1;
    this.counts[index]! += 1;
    this.sum += value;
    this.count += 1;
  }
}
