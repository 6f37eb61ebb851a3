import type { BlocklistItem } from '../policy/content-filter-policy.js';
import { normaliseWords } from '../analyzers/builtin/normalise-text.js';

/** Longest term or regular expression a blocklist item may hold. */
export const MAX_BLOCKLIST_ITEM_CHARACTERS = 200;
/** Most items one blocklist may hold. */
export const MAX_BLOCKLIST_ITEMS = 10_000;

/**
 * Why a regular expression could take exponential time (ReDoS) on a crafted text, or undefined. Backtracking
 * engines like V8's explode on a quantified group that itself holds a quantifier ("(a+)+", "(\w+\s?)*") and
 * cannot bound backreferences, so both are refused rather than timed.
 */
function redosRisk(pattern: string): string | undefined {
  /** For each open group: whether it holds a quantifier so far. */
  const groups: boolean[] = [];
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === '\\') {
      const next = pattern[index + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) {
        return 'it uses a backreference (\\1, \\k<name>), which the filter cannot run in bounded time';
      }
      index++;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      continue;
    }
    if (character === '[') {
      inClass = true;
    } else if (character === '(') {
      groups.push(false);
    } else if (character === ')') {
      const quantifiedInside = groups.pop() ?? false;
      const following = pattern.slice(index + 1);
      const repeated = /^(?:[*+]|\{\d*,\d*\}|\{\d+\})/.exec(following);
      if (quantifiedInside && repeated !== null && !/^\{[01]\}|^\{0?,1\}/.test(repeated[0])) {
        return 'it has a nested quantifier (a repeated group that itself repeats, like "(a+)+"), which can take exponential time on some texts';
      }
      if (quantifiedInside && groups.length > 0) groups[groups.length - 1] = true;
      if (repeated !== null && groups.length > 0) groups[groups.length - 1] = true;
    } else if (character === '*' || character === '+' || character === '{') {
      if (groups.length > 0) groups[groups.length - 1] = true;
    }
  }
  return undefined;
}

/** A clear message when a blocklist item cannot be used, or undefined when it is fine. */
export function checkBlocklistItem(item: BlocklistItem): string | undefined {
  const pattern = item.pattern;
  if (pattern.trim() === '') return 'A blocklist item must not be empty.';
  if (pattern.length > MAX_BLOCKLIST_ITEM_CHARACTERS) {
    return `A blocklist item is at most ${MAX_BLOCKLIST_ITEM_CHARACTERS} characters; this one has ${pattern.length}.`;
  }
  if (!item.regex) {
    return normaliseWords(pattern).length === 0
      ? `The term "${pattern}" has no letters or digits, so it can never match a word.`
      : undefined;
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, 'iu');
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return `The regular expression "${pattern}" does not compile: ${reason}.`;
  }
  const risk = redosRisk(pattern);
  if (risk !== undefined) return `The regular expression "${pattern}" is refused because ${risk}.`;
  if (compiled.test('')) {
    return `The regular expression "${pattern}" matches the empty text, so it would match every text.`;
  }
  return undefined;
}
