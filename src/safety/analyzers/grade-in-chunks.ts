import { HARM_CATEGORIES, SEVERITIES } from '../../spec/index.js';
import type { Severity } from '../../spec/index.js';
import type { CategorySeverities } from './analyzer.js';
import { splitText } from './split-text.js';

/** Calls an analyzer makes at once for one text: enough to hide latency, few enough not to trip a rate limit. */
export const ANALYZER_CONCURRENCY = 4;

export function allSafe(): CategorySeverities {
  return { hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' };
}

/** The worse of each category: a text is as harmful as its most harmful piece. */
export function worstSeverities(grades: readonly CategorySeverities[]): CategorySeverities {
  const worst = allSafe();
  for (const grade of grades) {
    for (const category of HARM_CATEGORIES) worst[category] = worse(worst[category], grade[category]);
  }
  return worst;
}

function worse(left: Severity, right: Severity): Severity {
  return SEVERITIES.indexOf(right) > SEVERITIES.indexOf(left) ? right : left;
}

/**
 * Grades a text that may be longer than one call accepts: split into pieces of at most `maxCodePoints`, each
 * graded (a few at a time), the worst severity of each category kept. An empty text is safe without a call.
 */
export async function gradeInChunks(
  text: string,
  maxCodePoints: number,
  gradePiece: (piece: string) => Promise<CategorySeverities>,
): Promise<CategorySeverities> {
  if (text.trim() === '') return allSafe();
  const grades = await mapConcurrently(splitText(text, maxCodePoints), ANALYZER_CONCURRENCY, gradePiece);
  return worstSeverities(grades);
}

/** Maps items with at most `limit` calls in flight, results in input order; the first failure rejects. */
export async function mapConcurrently<Item, Result>(
  items: readonly Item[],
  limit: number,
  map: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await map(items[index] as Item, index);
      } catch (error) {
        // The other workers stop taking items: the caller has its answer (a failure) already.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
