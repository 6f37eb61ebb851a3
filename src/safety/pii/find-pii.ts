import type { PiiKind } from '../../spec/index.js';
import { findNationalIds } from './find-national-ids.js';
import { findPhoneNumbers } from './find-phone-numbers.js';
import { findSecrets } from './find-secrets.js';
import { IBAN_LENGTHS } from './iban-lengths.js';
import { passesIbanChecksum, passesLuhn } from './pii-checksums.js';
import type { TextSpan } from './text-span.js';

export interface PiiMatch {
  kind: PiiKind;
  /** Offsets in UTF-16 code units: the personal data is `text.slice(start, end)`. */
  start: number;
  end: number;
  /**
   * The rest of a match that began in an earlier piece of text (a streamed delta): removed without a second
   * placeholder, so a split address reads as one `[REDACTED:EMAIL]`.
   */
  continued?: boolean;
}

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24})(?![\w-])/g;
/** "icon@2x.png" is a file, not an address. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'ts', 'json', 'html']);

/** 13–19 digits, optionally grouped by single spaces or dashes, not inside a longer number. */
const CARD_CANDIDATE = /(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d]|[.,]\d)/g;

/** Issuer prefixes (IIN ranges) and the lengths each network issues. */
function knownIssuer(digits: string): boolean {
  const length = digits.length;
  const two = Number(digits.slice(0, 2));
  const three = Number(digits.slice(0, 3));
  const four = Number(digits.slice(0, 4));
  const six = Number(digits.slice(0, 6));
  if (digits.startsWith('4')) return length === 13 || length === 16 || length === 19; // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return length === 16; // Mastercard
  if (two === 34 || two === 37) return length === 15; // American Express
  if (four >= 2200 && four <= 2204) return length >= 16; // Mir
  if ((three >= 300 && three <= 305) || two === 36 || two === 38 || two === 39) return length >= 14; // Diners
  if (four >= 3528 && four <= 3589) return length >= 16; // JCB
  if (four === 6011 || (three >= 644 && three <= 649) || two === 65 || (six >= 622126 && six <= 622925)) {
    return length >= 16; // Discover
  }
  if (two === 62) return length >= 16; // UnionPay
  return two === 50 || (two >= 56 && two <= 69); // Maestro
}

/** Groups of four (the last shorter), or American Express's and Diners' 4-6-5 and 4-6-4. */
function cardGrouping(candidate: string): boolean {
  const groups = candidate.split(/[ -]/);
  if (groups.length === 1) return true;
  if (candidate.includes(' ') && candidate.includes('-')) return false;
  const sizes = groups.map((group) => group.length).join('-');
  if (sizes === '4-6-5' || sizes === '4-6-4') return true;
  return groups.every((group, index) => (index < groups.length - 1 ? group.length === 4 : group.length <= 4));
}

function findPaymentCards(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  CARD_CANDIDATE.lastIndex = 0;
  for (let found = CARD_CANDIDATE.exec(text); found !== null; found = CARD_CANDIDATE.exec(text)) {
    const digits = found[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && cardGrouping(found[0]) && knownIssuer(digits) && passesLuhn(digits)) {
      spans.push({ start: found.index, end: found.index + found[0].length });
    }
  }
  return spans;
}

const IBAN_START = /\b([A-Za-z]{2})(\d{2})/g;

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** From a country code and check digits, reads the country's length of characters, allowing single spaces. */
function findIbans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  IBAN_START.lastIndex = 0;
  for (let found = IBAN_START.exec(text); found !== null; found = IBAN_START.exec(text)) {
    const length = IBAN_LENGTHS[(found[1] ?? '').toUpperCase()];
    if (length === undefined) continue;
    let compact = '';
    let index = found.index;
    while (index < text.length && compact.length < length) {
      const code = text.charCodeAt(index);
      if (isAlphanumeric(code)) compact += text[index];
      else if (!(code === 32 && compact.length > 0 && isAlphanumeric(text.charCodeAt(index + 1)))) break;
      index++;
    }
    if (compact.length !== length || (index < text.length && isAlphanumeric(text.charCodeAt(index)))) continue;
    if (passesIbanChecksum(compact.toUpperCase())) {
      spans.push({ start: found.index, end: index });
      IBAN_START.lastIndex = index;
    }
  }
  return spans;
}

function findEmails(text: string): TextSpan[] {
  if (!text.includes('@')) return [];
  const spans: TextSpan[] = [];
  EMAIL.lastIndex = 0;
  for (let found = EMAIL.exec(text); found !== null; found = EMAIL.exec(text)) {
    if (!FILE_EXTENSIONS.has((found[1] ?? '').toLowerCase())) {
      spans.push({ start: found.index, end: found.index + found[0].length });
    }
  }
  return spans;
}

/** The most specific kind wins an overlap: a card number is not also a phone number. */
const FINDERS: readonly { kind: PiiKind; find: (text: string) => TextSpan[] }[] = [
  { kind: 'secret', find: findSecrets },
  { kind: 'payment_card', find: findPaymentCards },
  { kind: 'iban', find: findIbans },
  { kind: 'national_id', find: findNationalIds },
  { kind: 'email', find: findEmails },
  { kind: 'phone', find: findPhoneNumbers },
];

/** Where `span` would go among `sorted` (by start), or -1 when it overlaps one of them. */
function insertionPoint(sorted: readonly PiiMatch[], span: TextSpan): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle]?.start ?? 0) < span.start) low = middle + 1;
    else high = middle;
  }
  const before = sorted[low - 1];
  const after = sorted[low];
  if (before !== undefined && before.end > span.start) return -1;
  if (after !== undefined && after.start < span.end) return -1;
  return low;
}

/** Personal data of the given kinds, sorted by position and never overlapping. */
export function findPii(text: string, kinds: ReadonlySet<PiiKind>): PiiMatch[] {
  const accepted: PiiMatch[] = [];
  for (const { kind, find } of FINDERS) {
    if (!kinds.has(kind)) continue;
    for (const span of find(text)) {
      const at = insertionPoint(accepted, span);
      if (at >= 0) accepted.splice(at, 0, { kind, start: span.start, end: span.end });
    }
  }
  return accepted;
}

/** Replaces each match with `[REDACTED:<KIND>]`; overlapping or out-of-range matches after the first are skipped. */
export function redactPii(text: string, matches: readonly PiiMatch[]): string {
  const ordered = [...matches].sort((left, right) => left.start - right.start);
  const parts: string[] = [];
  let position = 0;
  for (const match of ordered) {
    if (match.start < position || match.end > text.length || match.end <= match.start) continue;
    parts.push(
      text.slice(position, match.start),
      match.continued === true ? '' : `[REDACTED:${match.kind.toUpperCase()}]`,
    );
    position = match.end;
  }
  parts.push(text.slice(position));
  return parts.join('');
}
