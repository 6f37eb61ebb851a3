import { passesLuhn } from './pii-checksums.js';
import type { TextSpan } from './text-span.js';

/** US social security number, ddd-dd-dddd (or spaces): area not 000, 666 or 9xx, group not 00, serial not 0000. */
const US_SSN = /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g;
/** UK National Insurance number: two prefix letters (D, F, I, Q, U, V never; O not second), six digits, A–D. */
const UK_NINO = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/g;
const UK_NINO_UNUSED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
/** Canadian social insurance number, ddd-ddd-ddd (or spaces): Luhn-valid, not starting with 0 or 8. */
const CANADA_SIN = /(?<![\d-])(\d{3})([- ])(\d{3})\2(\d{3})(?![\d-])/g;
/** Spanish DNI (8 digits and a check letter) and NIE (X, Y or Z, 7 digits, check letter). */
const SPAIN_DNI = /\b([XYZ]?)-?(\d{7,8})-?([A-Z])\b/g;
const SPAIN_CHECK_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function collect(text: string, pattern: RegExp, valid: (found: RegExpExecArray) => boolean, spans: TextSpan[]) {
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    if (valid(found)) spans.push({ start: found.index, end: found.index + found[0].length });
  }
}

function validSsn(found: RegExpExecArray): boolean {
  const [, area = '', , group = '', serial = ''] = found;
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';
}

function validSin(found: RegExpExecArray): boolean {
  const digits = `${found[1] ?? ''}${found[3] ?? ''}${found[4] ?? ''}`;
  return !digits.startsWith('0') && !digits.startsWith('8') && passesLuhn(digits);
}

function validSpanishId(found: RegExpExecArray): boolean {
  const [, prefix = '', digits = '', letter = ''] = found;
  if (prefix === '' ? digits.length !== 8 : digits.length !== 7) return false;
  const number = Number(`${'XYZ'.indexOf(prefix) >= 0 ? 'XYZ'.indexOf(prefix) : ''}${digits}`);
  return SPAIN_CHECK_LETTERS[number % 23] === letter;
}

/** National identity numbers whose format can be validated: US SSN, UK NINO, Canadian SIN, Spanish DNI/NIE. */
export function findNationalIds(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  collect(text, US_SSN, validSsn, spans);
  collect(text, UK_NINO, (found) => !UK_NINO_UNUSED_PREFIXES.has(found[1] ?? ''), spans);
  collect(text, CANADA_SIN, validSin, spans);
  collect(text, SPAIN_DNI, validSpanishId, spans);
  return spans;
}
