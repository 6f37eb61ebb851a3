import { safeParseJson } from '../../kit/index.js';

/**
 * A log-linear histogram in the style of HdrHistogram with two significant digits: values are integer
 * microseconds; 0–255 µs have a bucket each, and every power of two above is split into 128 equal buckets,
 * so a bucket is never wider than 1/128 of its lower bound and its midpoint is within 0.4 % of any value in it.
 * The bucket array is fixed, so histograms of different minutes, replicas or deployments merge by adding counts.
 */
const SUB_BUCKET_COUNT = 256;
const SUB_BUCKET_HALF = 128;
/** log2(SUB_BUCKET_HALF): values at or above 256 µs are shifted right by (their exponent − this) − 1 … */
const SUB_BUCKET_HALF_BITS = 7;
/** The largest value held exactly enough: 2³² − 1 µs, about 71.6 minutes; larger values count in the last bucket. */
const HIGHEST_MICROSECONDS = 0xffff_ffff;
/** 256 exact buckets, then 128 per power of two from 2⁸ to 2³². */
export const HISTOGRAM_BUCKETS = SUB_BUCKET_COUNT + 24 * SUB_BUCKET_HALF;

/** The bucket of a value in microseconds. */
export function bucketIndex(microseconds: number): number {
  const value = Math.min(HIGHEST_MICROSECONDS, Math.max(0, Math.round(microseconds)));
  if (value < SUB_BUCKET_COUNT) return value;
  const shift = 31 - Math.clz32(value) - SUB_BUCKET_HALF_BITS;
  return SUB_BUCKET_COUNT + (shift - 1) * SUB_BUCKET_HALF + ((value >>> shift) - SUB_BUCKET_HALF);
}

/** The middle of a bucket's range, in microseconds: what a percentile falling into it reports. */
export function bucketMidpoint(index: number): number {
  if (index < SUB_BUCKET_COUNT) return index;
  const shift = Math.floor((index - SUB_BUCKET_COUNT) / SUB_BUCKET_HALF) + 1;
  const subBucket = ((index - SUB_BUCKET_COUNT) % SUB_BUCKET_HALF) + SUB_BUCKET_HALF;
  const lowest = subBucket * 2 ** shift;
  return lowest + (2 ** shift - 1) / 2;
}

export class LatencyHistogram {
  /** Float64 so merged histograms (30 days of a busy deployment) count exactly past 2³². */
  readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  total = 0;

  recordMs(milliseconds: number): void {
    if (!Number.isFinite(milliseconds)) return;
    this.counts[bucketIndex(milliseconds * 1000)]! += 1;
    this.total += 1;
  }

  merge(other: LatencyHistogram): void {
    if (other.total === 0) return;
    for (let index = 0; index < HISTOGRAM_BUCKETS; index += 1) this.counts[index]! += other.counts[index]!;
    this.total += other.total;
  }

  /** The value at or below which `percent` % of the recorded values lie, in ms; null when nothing was recorded. */
  percentileMs(percent: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, percent)) / 100) * this.total));
    let seen = 0;
    for (let index = 0; index < HISTOGRAM_BUCKETS; index += 1) {
      seen += this.counts[index]!;
      if (seen >= rank) return bucketMidpoint(index) / 1000;
    }
    return bucketMidpoint(HISTOGRAM_BUCKETS - 1) / 1000;
  }

  /**
   * The compact stored form: the non-empty buckets as one flat JSON array of [index, count] pairs with each index
   * written as the gap from the previous one (`[812,3,2,1]`: 3 in bucket 812, 1 in bucket 814).
   */
  toJson(): string {
    const pairs: number[] = [];
    let previous = 0;
    for (let index = 0; index < HISTOGRAM_BUCKETS; index += 1) {
      const count = this.counts[index]!;
      if (count === 0) continue;
      pairs.push(index - previous, count);
      previous = index;
    }
    return JSON.stringify(pairs);
  }

  /** Adds a stored histogram (see toJson); a malformed one throws, naming what it found. */
  mergeJson(text: string): void {
    const parsed = safeParseJson(text);
    if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length % 2 !== 0) {
      throw new Error(`A stored SLO histogram is not a flat array of [index gap, count] pairs: ${text.slice(0, 80)}`);
    }
    const values = parsed.value;
    let index = 0;
    for (let position = 0; position < values.length; position += 2) {
      const gap = values[position];
      const count = values[position + 1];
      if (typeof gap !== 'number' || typeof count !== 'number') {
        throw new Error(`A stored SLO histogram holds a value that is not a number: ${text.slice(0, 80)}`);
      }
      index += gap;
      if (index < 0 || index >= HISTOGRAM_BUCKETS) {
        throw new Error(`A stored SLO histogram names bucket ${index}, beyond the ${HISTOGRAM_BUCKETS} buckets.`);
      }
      this.counts[index]! += count;
      this.total += count;
    }
  }
}
