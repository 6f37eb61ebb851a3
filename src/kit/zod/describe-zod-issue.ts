import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

export interface DescribeIssueOptions {
  /** Added after the names of unknown keys, to say where the allowed ones are listed. */
  unknownKeysHint?: string;
}

/**
 * Turns a zod issue into the tail of a sentence ("must be an integer", "is required") so each reader of a
 * document (the config file, the environment, the catalog) can prefix it with where the value came from.
 */
export function describeZodIssue(issue: Issue, options: DescribeIssueOptions = {}): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long`;
      }
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      return `must be at most ${issue.maximum}`;
    case 'unrecognized_keys': {
      const keys = `has unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
      return options.unknownKeysHint === undefined ? keys : `${keys}; ${options.unknownKeysHint}`;
    }
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

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  if (expected === 'array' || expected === 'object' || expected === 'integer') return `an ${expected}`;
  return `a ${expected}`;
}
