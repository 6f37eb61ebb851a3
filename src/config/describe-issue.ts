import { describeZodIssue, formatPath, valueAt } from '../kit/index.js';
/** How config messages describe a zod issue (shared with every other reader of a document). */
export const describeIssue = describeZodIssue;

export { formatPath, valueAt };

/** Quotes scalar values only: objects would flood the message and may hold secrets. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string') return ` '${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` ${String(value)}`;
  return '';
}
