import { formatPath, valueAt } from '../kit/index.js';
import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** A zod issue as the end of a sentence that starts with the field's path ("must not be empty"). */
export function describeCatalogIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be more than ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `'${key}'`).join(', ')}; check the spelling against docs/catalog.md`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'has characters that are not allowed' : `must be a valid ${issue.format}`;
    case 'custom':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      return issue.message ?? 'is invalid';
  }
}

/** The value at `path` inside `root`, quoted when it is a scalar, to show what was found. */
/** `models[1].prices[0].input` from ['models', 1, 'prices', 0, 'input']. */
export const formatIssuePath = formatPath;

export function quoteFound(root: unknown, path: readonly PropertyKey[]): string {
  const current = valueAt(root, path);
  if (typeof current === 'string') return ` (found '${current.length > 60 ? `${current.slice(0, 57)}...` : current}')`;
  if (typeof current === 'number' || typeof current === 'boolean') return ` (found ${String(current)})`;
  return '';
}
