import type { TextSpan } from './text-span.js';

/**
 * Candidates: an optional "+country" and "(area)", then digit groups separated by one space, dot or dash. Not
 * inside a longer token: no word character, "+", "/", ".", ":" or "#" right before, and no digit, letter or "/"
 * right after (a date, a path, a version number or a time goes on).
 */
const CANDIDATE =
  /(?<![\w+/.:#-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,14}(?:[ .-]\d{1,5}){0,6}(?![\w/]|[.:-]\d)/g;
const US_SHAPE = /^(?:\+?1[ .-]?)?[2-9]\d{2}[ .-]\d{3}[ .-]\d{4}$/;
const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DATE_START = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})\b/;
/** Words just before that make a number something else than a phone number. */
const NOT_A_PHONE =
  /\b(?:order|invoice|ticket|ref|reference|isbn|account|acct|tracking|serial|id|no|number|nr|case|version|build|po)\W{0,3}$/i;
const PHONE_WORD =
  /\b(?:phone|tel|telephone|call|mobile|cell|fax|whatsapp|sms|text me|reach me|ring|contact)\b[^\n]{0,25}$/i;
const CONTEXT_CHARACTERS = 40;

const SHORTEST_DIGITS = 9;
const LONGEST_DIGITS = 15;

function isPhoneShaped(candidate: string, before: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < SHORTEST_DIGITS || digits.length > LONGEST_DIGITS) return false;
  if (IP_ADDRESS.test(candidate) || DATE_START.test(candidate)) return false;
  // One kind of separator between groups ("555.123-4567" is not written).
  if (candidate.includes('.') && candidate.includes('-')) return false;
  const phoneWord = PHONE_WORD.test(before);
  if (!phoneWord && NOT_A_PHONE.test(before)) return false;
  if (candidate.startsWith('+')) return digits.length >= SHORTEST_DIGITS;
  if (candidate.startsWith('(')) return digits.length >= 10 && digits.length <= 11;
  if (US_SHAPE.test(candidate)) return true;
  const groups = candidate.split(/[ .-]+/);
  // National numbers with a trunk prefix: 020 7946 0958, 06 12 34 56 78, 030 1234567.
  if (digits.startsWith('0') && groups.length >= 2 && groups.every((group) => group.length >= 2)) {
    return digits.length >= 10 && digits.length <= 11 && !candidate.includes('.');
  }
  // Ten or eleven digits in a row only when the text says it is a phone number.
  return groups.length === 1 && digits.length >= 10 && digits.length <= 11 && phoneWord;
}

/** Phone numbers in E.164 form or common national formats, at least nine digits. */
export function findPhoneNumbers(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  CANDIDATE.lastIndex = 0;
  for (let found = CANDIDATE.exec(text); found !== null; found = CANDIDATE.exec(text)) {
    let candidate = found[0];
    // A trailing separator belongs to the sentence, not the number.
    candidate = candidate.replace(/[ .-]+$/, '');
    const before = text.slice(Math.max(0, found.index - CONTEXT_CHARACTERS), found.index);
    if (isPhoneShaped(candidate, before)) spans.push({ start: found.index, end: found.index + candidate.length });
  }
  return spans;
}
