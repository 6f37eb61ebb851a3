/** The first half of a UTF-16 surrogate pair: text is never cut right after one. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
