import type { Blocklist } from '../policy/content-filter-policy.js';
import { normaliseText, normaliseWords } from '../analyzers/builtin/normalise-text.js';
import {
  compileWordPatterns,
  findWordPatterns,
  literalElement,
  type WordPattern,
} from '../analyzers/builtin/word-patterns.js';
import { checkBlocklistItem, MAX_BLOCKLIST_ITEMS } from './check-blocklist-item.js';

export { checkBlocklistItem, MAX_BLOCKLIST_ITEM_CHARACTERS, MAX_BLOCKLIST_ITEMS } from './check-blocklist-item.js';

export interface BlocklistMatcher {
  readonly names: readonly string[];
  /** The names of the lists that match the text, in list order. */
  match(text: string): string[];
}

/**
 * Compiles blocklists once for many texts. Terms match whole words and phrases of the normalised text, so case,
 * accents, look-alike letters, leetspeak and spaced-out letters do not evade them; regular expressions match the
 * raw text, case-insensitively, with the `u` flag. Items that `checkBlocklistItem` refuses, and items past
 * `MAX_BLOCKLIST_ITEMS`, are skipped: they are refused when a list is saved, and the request path must not fail.
 */
export function compileBlocklists(lists: readonly Blocklist[]): BlocklistMatcher {
  const names = lists.map((list) => list.name);
  const termPatterns: WordPattern<number>[] = [];
  const regexes: { listIndex: number; regex: RegExp }[] = [];
  lists.forEach((list, listIndex) => {
    for (const item of list.items.slice(0, MAX_BLOCKLIST_ITEMS)) {
      if (checkBlocklistItem(item) !== undefined) continue;
      if (item.regex) {
        regexes.push({ listIndex, regex: new RegExp(item.pattern, 'iu') });
      } else {
        const words = normaliseWords(item.pattern);
        termPatterns.push({ elements: words.map((word) => literalElement([word])), value: listIndex });
      }
    }
  });
  const terms = compileWordPatterns(termPatterns);

  return {
    names,
    match(text: string): string[] {
      const matched = new Set<number>();
      if (termPatterns.length > 0) {
        for (const hit of findWordPatterns(normaliseText(text), terms)) matched.add(hit.value);
      }
      for (const { listIndex, regex } of regexes) {
        if (!matched.has(listIndex) && regex.test(text)) matched.add(listIndex);
      }
      return names.filter((_, index) => matched.has(index));
    },
  };
}
