import { describeZodIssue, formatPath, valueAt } from '../kit/index.js';
import type { z } from 'zod';

/** A zod issue as the end of a sentence that starts with the field's path ("must not be empty"). */
export function describeCatalogIssue(issue: z.core.$ZodRawIssue): string {
  return describeZodIssue(issue, { unknownKeysHint: 'check the spelling against docs/catalog.md' });
}

/** `models[1].prices[0].input` from ['models', 1, 'prices', 0, 'input']. */
export const formatIssuePath = formatPath;

export function quoteFound(root: unknown, path: readonly PropertyKey[]): string {
  const current = valueAt(root, path);
  if (typeof current === 'string') return ` (found '${current.length > 60 ? `${current.slice(0, 57)}...` : current}')`;
  if (typeof current === 'number' || typeof current === 'boolean') return ` (found ${String(current)})`;
  return '';
}
