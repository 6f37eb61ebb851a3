import type { NormalisedText } from './normalise-text.js';

/**
 * Attacks written so that patterns miss them: encoded in base64, written backwards, or spelled out letter by
 * letter. These functions give the text back as it reads once undone, to be checked like any other.
 */

/** A run of base64 long enough to hold an instruction; shorter ones are words, ids and hashes. */
const BASE64_RUN = /(?<![\w+/-])[A-Za-z0-9+/_-]{24,}={0,2}/g;
const LONGEST_RUN = 8192;
const MOST_RUNS = 16;
const PRINTABLE = /[\t\n\r\x20-\x7e]/g;
const LETTER_OR_SPACE = /[A-Za-z ]/g;

function count(text: string, characters: RegExp): number {
  return text.match(characters)?.length ?? 0;
}

/** Text a run of base64 decodes to, when it is readable prose rather than an image, a key or a hash. */
function decodeReadable(run: string): string | undefined {
  if (run.length > LONGEST_RUN) return undefined;
  const decoded = Buffer.from(run.replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString('utf8');
  if (decoded.length < 12 || !decoded.includes(' ')) return undefined;
  if (count(decoded, PRINTABLE) < decoded.length * 0.95) return undefined;
  if (count(decoded, LETTER_OR_SPACE) < decoded.length * 0.7) return undefined;
  return decoded;
}

/** A run shown as an attack's example is talked about, not handed over: "the attacker's payload was: …". */
const NAMED_AS_EXAMPLE =
  /\b(?:attackers?|attacks?|payloads?|injections?|malicious|example|examples|sample|samples|e\.g\.|such as|phishing|malware)\b[^\n]{0,60}$/i;
const EXAMPLE_WINDOW = 80;

/** The readable texts hidden in base64 runs of the text (at most a few). */
export function decodeBase64Runs(text: string): string[] {
  const decoded: string[] = [];
  let runs = 0;
  for (const found of text.matchAll(BASE64_RUN)) {
    if (++runs > MOST_RUNS) break;
    if (NAMED_AS_EXAMPLE.test(text.slice(Math.max(0, found.index - EXAMPLE_WINDOW), found.index))) continue;
    const readable = decodeReadable(found[0]);
    if (readable !== undefined) decoded.push(readable);
  }
  return decoded;
}

/** Words of attacks written backwards: one of them in a text is a reason to read the whole text reversed. */
export const REVERSED_ATTACK_WORDS: ReadonlySet<string> = new Set(
  ['ignore', 'disregard', 'instructions', 'instruction', 'previous', 'prompt', 'reveal', 'system', 'jailbreak'].map(
    (word) => [...word].reverse().join(''),
  ),
);

export function reverseText(text: string): string {
  return [...text].reverse().join('');
}

/** Attack phrases with the spaces taken out, as spaced-out letters are glued back together ("i g n o r e …"). */
const GLUED_ATTACK =
  /(?:ignore|disregard|forget|bypass|override)(?:all|any|every)?(?:of)?(?:the|your|my|these|those)?(?:previous|prior|above|earlier|preceding|original|initial|system|safety)?(?:instructions?|rules|guidelines|prompts?|directives|restrictions|filters|programming)|(?:reveal|print|show|repeat|display)(?:me)?(?:your|the)(?:full|entire|hidden|initial|original|secret)?(?:systemprompt|systemmessage|instructions|hiddenprompt|initialprompt)|doanythingnow|developermode(?:enabled|activated|on)|jailbreakmode|norestrictions|nofilters/;
const SHORTEST_GLUED_ATTACK = 9;

/** A word glued from spaced-out letters that spells an attack phrase. */
export function gluedWordsSpellAttack(text: NormalisedText): boolean {
  for (const position of text.gluedWords) {
    const word = text.words[position] ?? '';
    if (word.length >= SHORTEST_GLUED_ATTACK && GLUED_ATTACK.test(word)) return true;
  }
  return false;
}
