import { HARM_CATEGORIES, SEVERITIES, type HarmCategory, type Severity } from '../../spec/index.js';
import type { Analyzer, CategorySeverities } from '../analyzers/analyzer.js';
import type { Threshold } from '../policy/content-filter-policy.js';
import { BENIGN_FILE, type EvalItem, type EvalSet } from './load-eval-set.js';

/** A threshold that filters something: `off` would make every item a negative and every metric empty. */
export type EvalThreshold = Exclude<Threshold, 'off'>;

/** What is measured: the four graded categories, then the two shields. */
export const EVAL_METRICS = [...HARM_CATEGORIES, 'jailbreak', 'indirect_attack'] as const;
export type EvalMetricName = (typeof EVAL_METRICS)[number];

export interface EvaluateOptions {
  /** The lowest severity counted as positive, in the labels and in the grades alike. Default `medium`. */
  threshold?: EvalThreshold;
  /** How many items are with the analyzer at once; a model or a remote service is slow. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each item, for a progress line while a slow analyzer works through the set. */
  onProgress?: (done: number, total: number) => void;
}

export interface ConfusionCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export interface MetricResult extends ConfusionCounts {
  name: EvalMetricName;
  /** Null where the denominator is zero (nothing predicted, nothing positive, nothing negative). */
  precision: number | null;
  recall: number | null;
  falsePositiveRate: number | null;
  falsePositiveIds: string[];
  falseNegativeIds: string[];
}

export interface BenignResult {
  items: number;
  /** Benign items that something flagged: a category at or above the threshold, or either shield. */
  falsePositives: number;
  falsePositiveRate: number | null;
  falsePositiveIds: string[];
}

export interface EvalReport {
  analyzer: Analyzer['kind'];
  threshold: EvalThreshold;
  /** Items judged; items whose analyzer call failed are left out of every count and listed in `errors`. */
  items: number;
  metrics: MetricResult[];
  benign: BenignResult;
  errors: { id: string; message: string }[];
}

/** The analyzer's answers for one item: a shield is asked only where the item's source calls for it. */
interface ItemVerdict {
  item: EvalItem;
  grades: CategorySeverities;
  jailbreak: boolean | null;
  indirectAttack: boolean | null;
}

/** Runs the analyzer over every item of the set and counts, per category and shield, what it got right. */
export async function evaluateAnalyzer(
  analyzer: Analyzer,
  set: EvalSet,
  options: EvaluateOptions = {},
): Promise<EvalReport> {
  const threshold = options.threshold ?? 'medium';
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const verdicts: (ItemVerdict | { item: EvalItem; error: string } | undefined)[] = set.items.map(() => undefined);

  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < set.items.length) {
      const index = next++;
      const item = set.items[index];
      if (item === undefined) return;
      options.signal?.throwIfAborted();
      try {
        verdicts[index] = await judge(analyzer, item, options.signal);
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        verdicts[index] = { item, error: error instanceof Error ? error.message : String(error) };
      }
      options.onProgress?.(++done, set.items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, set.items.length) }, worker));

  const judged: ItemVerdict[] = [];
  const errors: EvalReport['errors'] = [];
  for (const verdict of verdicts) {
    if (verdict === undefined) continue;
    if ('error' in verdict) errors.push({ id: verdict.item.id, message: verdict.error });
    else judged.push(verdict);
  }
  return {
    analyzer: analyzer.kind,
    threshold,
    items: judged.length,
    metrics: EVAL_METRICS.map((name) => measure(name, judged, threshold)),
    benign: measureBenign(judged, threshold),
    errors,
  };
}

async function judge(analyzer: Analyzer, item: EvalItem, signal: AbortSignal | undefined): Promise<ItemVerdict> {
  const grades = await analyzer.grade(item.text, signal);
  let jailbreak: boolean | null = null;
  let indirectAttack: boolean | null = null;
  // System text is the operator's own: neither shield is asked about it, as in the request path.
  if (item.source === 'user') {
    jailbreak = (await analyzer.shield({ userPrompt: item.text, documents: [] }, signal)).jailbreak;
  } else if (item.source === 'tool') {
    const verdict = await analyzer.shield({ userPrompt: '', documents: [item.text] }, signal);
    indirectAttack = verdict.indirectAttacks[0] === true;
  }
  return { item, grades, jailbreak, indirectAttack };
}

/** True when `severity` is at or above `threshold`. */
export function reaches(severity: Severity, threshold: EvalThreshold): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

/** Label and prediction of one metric for one item, or null when the item is not asked that question. */
function outcome(
  name: EvalMetricName,
  verdict: ItemVerdict,
  threshold: EvalThreshold,
): { actual: boolean; predicted: boolean } | null {
  const { labels } = verdict.item;
  if (name === 'jailbreak') {
    return verdict.jailbreak === null ? null : { actual: labels.jailbreak, predicted: verdict.jailbreak };
  }
  if (name === 'indirect_attack') {
    return verdict.indirectAttack === null
      ? null
      : { actual: labels.indirect_attack, predicted: verdict.indirectAttack };
  }
  const category: HarmCategory = name;
  return { actual: reaches(labels[category], threshold), predicted: reaches(verdict.grades[category], threshold) };
}

function measure(name: EvalMetricName, verdicts: readonly ItemVerdict[], threshold: EvalThreshold): MetricResult {
  const counts: ConfusionCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
  const falsePositiveIds: string[] = [];
  const falseNegativeIds: string[] = [];
  for (const verdict of verdicts) {
    const result = outcome(name, verdict, threshold);
    if (result === null) continue;
    if (result.actual && result.predicted) counts.truePositives++;
    else if (result.actual) {
      counts.falseNegatives++;
      falseNegativeIds.push(verdict.item.id);
    } else if (result.predicted) {
      counts.falsePositives++;
      falsePositiveIds.push(verdict.item.id);
    } else counts.trueNegatives++;
  }
  return { name, ...counts, ...rates(counts), falsePositiveIds, falseNegativeIds };
}

/** Precision, recall and false-positive rate of a confusion matrix; null where a denominator is zero. */
export function rates(counts: ConfusionCounts): Pick<MetricResult, 'precision' | 'recall' | 'falsePositiveRate'> {
  const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return {
    precision: ratio(counts.truePositives, counts.truePositives + counts.falsePositives),
    recall: ratio(counts.truePositives, counts.truePositives + counts.falseNegatives),
    falsePositiveRate: ratio(counts.falsePositives, counts.falsePositives + counts.trueNegatives),
  };
}

/**
 * An item of the benign file is a false positive when anything flags it that its labels do not support. Its
 * labels are at most `low`, so at the default threshold that is "anything flags it at all".
 */
function measureBenign(verdicts: readonly ItemVerdict[], threshold: EvalThreshold): BenignResult {
  const benign = verdicts.filter((verdict) => verdict.item.file === BENIGN_FILE);
  const falsePositiveIds = benign
    .filter((verdict) =>
      EVAL_METRICS.some((name) => {
        const result = outcome(name, verdict, threshold);
        return result !== null && result.predicted && !result.actual;
      }),
    )
    .map((verdict) => verdict.item.id);
  return {
    items: benign.length,
    falsePositives: falsePositiveIds.length,
    falsePositiveRate: benign.length === 0 ? null : falsePositiveIds.length / benign.length,
    falsePositiveIds,
  };
}
