import type { JsonObject } from '../../spec/index.js';
import type { ConvertContext } from './convert-context.js';
import { SUPPORTED_KEYWORDS, UNSUPPORTED_KEYWORDS, isNoOpKeyword } from './json-schema-keywords.js';

/** Every keyword of `schema` that constrains values, except `allowed`, that is in effect. */
export function constraintKeywords(schema: JsonObject, allowed: readonly string[]): string[] {
  return Object.entries(schema)
    .filter(([keyword]) => !allowed.includes(keyword))
    .filter(([keyword]) => SUPPORTED_KEYWORDS.has(keyword) || UNSUPPORTED_KEYWORDS.has(keyword))
    .filter(([keyword, value]) => !isNoOpKeyword(keyword, value))
    .map(([keyword]) => keyword);
}

/**
 * The grammar builds a node from its first kind (`$ref`, then `oneOf`, `const`, `enum`) and ignores every
 * other keyword beside it, so such siblings are refused rather than silently dropped.
 */
export function flagSiblingConstraints(
  schema: JsonObject,
  pointer: string,
  allowed: readonly string[],
  context: ConvertContext,
): void {
  const beside = allowed[0] ?? '';
  for (const keyword of constraintKeywords(schema, allowed)) {
    context.problems.unsupported(keyword, pointer, `beside ${beside}`);
  }
}
