/**
 * Folds text to lower-case ASCII look-alikes, so that obfuscated spellings meet the term lists: NFKD turns
 * fullwidth, circled and mathematical letters into plain ones; combining marks ("k̷i̷l̷l̷", "é") and invisible
 * characters (zero-width spaces, soft hyphens, bidi controls, tag characters) are dropped; Cyrillic and Greek
 * letters that look like Latin ones are mapped to them.
 */
const NON_ASCII = /[\u0080-\uffff]/;

const MARKS_AND_INVISIBLES =
  /\p{M}|\u1160|[\u00ad\u061c\u115f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/gu;

/** Lower-case look-alikes that NFKD leaves alone (Unicode's confusables.txt, the letters used in practice). */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  б: 'b',
  в: 'b',
  г: 'r',
  д: 'd',
  е: 'e',
  ѐ: 'e',
  ё: 'e',
  з: '3',
  и: 'u',
  і: 'i',
  ї: 'i',
  й: 'u',
  ј: 'j',
  к: 'k',
  л: 'n',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  ф: 'f',
  х: 'x',
  ц: 'u',
  ч: '4',
  ш: 'w',
  щ: 'w',
  ь: 'b',
  ы: 'bi',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ү: 'y',
  һ: 'h',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  θ: 'o',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'u',
  ν: 'v',
  ξ: 'e',
  ο: 'o',
  π: 'n',
  ρ: 'p',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'u',
  φ: 'f',
  χ: 'x',
  ψ: 'w',
  ω: 'w',
  // Latin letters without a decomposition
  ı: 'i',
  ȷ: 'j',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŧ: 't',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ɑ: 'a',
  ɡ: 'g',
  ɩ: 'i',
  ɪ: 'i',
  ʟ: 'l',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ᴊ: 'j',
  ᴋ: 'k',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  // Punctuation that hides apostrophes and hyphens
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00b7': '.',
  '\u2022': '.',
  '\u2024': '.',
};

const CONFUSABLE_CHARACTERS = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');

const NON_ASCII_RUNS = /[\u0080-\uffff]+/g;

function foldRun(run: string): string {
  return run
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS_AND_INVISIBLES, '')
    .replace(CONFUSABLE_CHARACTERS, (character) => CONFUSABLES[character] ?? character);
}

/** Only the non-ASCII runs are folded: most text is ASCII, and NFKD of a whole text costs more than the rest. */
export function foldUnicode(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(NON_ASCII_RUNS, foldRun) : lower;
}
