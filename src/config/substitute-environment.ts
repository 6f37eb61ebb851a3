import { formatPath } from './describe-issue.js';

/** `${NAME}`, `${NAME:-default}`; `$${NAME}` stays literal. */
const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface MissingVariable {
  name: string;
  /** Where in the file the reference sits (`connections[0].api_key`). */
  path: string;
}

/**
 * Replaces environment references in every string of a parsed YAML document. Keys are left alone: only
 * values carry secrets and hosts. Missing variables are collected, not thrown one at a time, so the
 * operator sees every one in a single run.
 */
export function substituteEnvironment(
  document: unknown,
  env: Record<string, string | undefined>,
): { value: unknown; missing: MissingVariable[] } {
  const missing: MissingVariable[] = [];

  const visit = (value: unknown, path: PropertyKey[]): unknown => {
    if (typeof value === 'string') {
      return value.replace(REFERENCE, (whole, escape: string, variable: string, fallback: string | undefined) => {
        if (escape === '$') return whole.slice(1);
        const found = env[variable];
        if (found !== undefined && !(fallback !== undefined && found === '')) return found;
        if (fallback !== undefined) return fallback;
        missing.push({ name: variable, path: formatPath(path) });
        return '';
      });
    }
    if (Array.isArray(value)) return value.map((item: unknown, index) => visit(item, [...path, index]));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, [...path, key])]));
    }
    return value;
  };

  return { value: visit(document, []), missing };
}
