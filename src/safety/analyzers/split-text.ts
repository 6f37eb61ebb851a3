/** How far back from the limit a cut looks for whitespace before it gives up and cuts inside a word. */
const WHITESPACE_LOOK_BACK = 200;

/**
 * Splits text into pieces of at most `maxCodePoints` Unicode code points (the unit Azure AI Content Safety counts
 * its limits in), so an analyzer with an input limit can grade a text of any length piece by piece. A cut falls
 * after the last whitespace near the limit when there is one: a word cut in two would be graded as two harmless
 * halves. The pieces joined give the text back unchanged.
 */
export function splitText(text: string, maxCodePoints: number): string[] {
  if (!Number.isInteger(maxCodePoints) || maxCodePoints < 1) {
    throw new RangeError(`maxCodePoints must be a positive integer, not ${maxCodePoints}.`);
  }
  // Strings index UTF-16 units; a cut between the two halves of a surrogate pair would corrupt both pieces.
  const codePoints = Array.from(text);
  if (codePoints.length <= maxCodePoints) return [text];
  const lookBack = Math.min(WHITESPACE_LOOK_BACK, Math.floor(maxCodePoints / 4));
  const pieces: string[] = [];
  let start = 0;
  while (start < codePoints.length) {
    let end = Math.min(start + maxCodePoints, codePoints.length);
    if (end < codePoints.length) {
      for (let cut = end; cut > end - lookBack; cut -= 1) {
        if (/\s/u.test(codePoints[cut - 1] ?? '')) {
          end = cut;
          break;
        }
      }
    }
    pieces.push(codePoints.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}

/** The length of a text in Unicode code points, the unit of Azure AI Content Safety's limits. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
