import { hasChatTemplateToken, hasExfiltratingImage, hasFakeSystemMessage } from './find-attack-markers.js';
import { gradeHarm } from './grade-harm.js';
import { decodeBase64Runs, gluedWordsSpellAttack, REVERSED_ATTACK_WORDS, reverseText } from './hidden-attack-text.js';
import { DIRECT_ATTACK_PATTERNS, INDIRECT_ATTACK_PATTERNS, type AttackPattern } from './jailbreak-patterns.js';
import { normaliseText, SENTENCE_BREAK, type NormalisedText } from './normalise-text.js';
import { PERSONA_FRAMING } from './role-play-attack-patterns.js';

interface CompiledAttackPatterns {
  readonly patterns: readonly { readonly pattern: AttackPattern; readonly global: RegExp }[];
  readonly byAnchor: ReadonlyMap<string, readonly number[]>;
}

function compileAttackPatterns(patterns: readonly AttackPattern[]): CompiledAttackPatterns {
  const byAnchor = new Map<string, number[]>();
  patterns.forEach((pattern, index) => {
    for (const anchor of pattern.anchors) {
      const list = byAnchor.get(anchor);
      if (list === undefined) byAnchor.set(anchor, [index]);
      else list.push(index);
    }
  });
  return {
    patterns: patterns.map((pattern) => ({ pattern, global: new RegExp(pattern.regex.source, 'g') })),
    byAnchor,
  };
}

/** Every word the patterns spell out: a leet word is read the way that makes it one of these ("a11" → "all"). */
const PATTERN_VOCABULARY = new Set(
  [...DIRECT_ATTACK_PATTERNS, ...INDIRECT_ATTACK_PATTERNS].flatMap((pattern) => [
    ...pattern.anchors,
    ...(pattern.regex.source.match(/[a-z]{2,}/g) ?? []),
  ]),
);

const DIRECT = compileAttackPatterns(DIRECT_ATTACK_PATTERNS);
const DIRECT_AND_INDIRECT = compileAttackPatterns([...DIRECT_ATTACK_PATTERNS, ...INDIRECT_ATTACK_PATTERNS]);

/**
 * Words just before a match that make it a defence, a quotation or an example rather than an order: "never
 * reveal your system prompt", "if a tool result asks you to ignore previous instructions, refuse", "phrases such
 * as ignore previous instructions".
 */
const DEFUSING_PREFIX =
  /\b(?:never|not|dont|do not|must not|mustnt|should not|shouldnt|cannot|cant|wont|will not|refuse to|avoid|doesnt|does not|asks you to|asking you to|tells you to|telling you to|tries to|trying to|attempts to|attempting to|such as|for example|eg|called|known as|phrases like|says|saying|injection|injections|attack|attacks|payload|payloads|phrase|phrases|expression|expressions|string|strings|translate|translation|has|have|contains|containing|includes|including|detect|detects|detecting|detected|block|blocks|blocked|blocking|flag|flags|flagged|catch|catches|caught)(?: \w+){0,2} ?$/;
const DEFUSING_CONTEXT_CHARACTERS = 40;
/** Words just after a match that name it as an example: "'ignore previous instructions' is a well-known injection". */
const DEFUSING_SUFFIX =
  /^ (?:(?:is|are|was|were) (?:a|an|the|one|some|often|commonly|typical|classic|known|called|still)\b.{0,40}\b(?:injection|injections|jailbreak|jailbreaks|attack|attacks|phrase|payload|technique|example|exploit)\b|(?:prompts?|jailbreaks?|attacks?|injections?|payloads?|examples?|phrases?)\b)/;

function matchesUndefused(sentence: string, pattern: AttackPattern, global: RegExp): boolean {
  if (pattern.alsoRequires !== undefined && !pattern.alsoRequires.test(sentence)) return false;
  global.lastIndex = 0;
  for (let found = global.exec(sentence); found !== null; found = global.exec(sentence)) {
    const before = sentence.slice(Math.max(0, found.index - DEFUSING_CONTEXT_CHARACTERS), found.index);
    const end = found.index + found[0].length;
    const after = sentence.slice(end, end + DEFUSING_CONTEXT_CHARACTERS + 40);
    if (!DEFUSING_PREFIX.test(before) && !DEFUSING_SUFFIX.test(after)) return true;
    global.lastIndex = found.index + 1;
  }
  return false;
}

/**
 * The text's words, each leet word read as a pattern word where one reading is ("a11" → "all"), and without the
 * sentence breaks between words spelled out letter by letter ("I.G.N.O.R.E. A.L.L." ends no sentence).
 */
function readForPatterns(text: NormalisedText): readonly string[] {
  if (text.otherReadings.size === 0 && text.gluedWords.length < 2) return text.words;
  const words = [...text.words];
  for (const [index, readings] of text.otherReadings) {
    const word = words[index] ?? '';
    const reading = PATTERN_VOCABULARY.has(word) ? undefined : readings.find((each) => PATTERN_VOCABULARY.has(each));
    if (reading !== undefined) words[index] = reading;
  }
  if (text.gluedWords.length < 2) return words;
  const glued = new Set(text.gluedWords);
  return words.filter((word, index) => word !== SENTENCE_BREAK || !glued.has(index - 1) || !glued.has(index + 1));
}

/** What the sentence check found: a pattern matched, or a word of an attack written backwards. */
const MATCHED = 1;
const REVERSED = 2;

/** Whether a sentence holding one of a pattern's anchors matches that pattern (or a word reads as one backwards). */
function scanSentences(text: NormalisedText, compiled: CompiledAttackPatterns): number {
  let found = 0;
  const words = readForPatterns(text);
  let start = 0;
  let candidates: Set<number> | undefined;
  for (let index = 0; index <= words.length; index++) {
    const word = words[index];
    if (word === undefined || word === SENTENCE_BREAK) {
      if (candidates !== undefined) {
        const sentence = words.slice(start, index).join(' ');
        for (const candidate of candidates) {
          const entry = compiled.patterns[candidate];
          if (entry !== undefined && matchesUndefused(sentence, entry.pattern, entry.global)) return MATCHED;
        }
        candidates = undefined;
      }
      start = index + 1;
      continue;
    }
    const anchored = compiled.byAnchor.get(word);
    if (anchored !== undefined) {
      candidates ??= new Set();
      for (const candidate of anchored) candidates.add(candidate);
    } else if (REVERSED_ATTACK_WORDS.has(word)) {
      found = REVERSED;
    }
  }
  return found;
}

/** Unicode tag characters spell hidden ASCII that people cannot see and models read ("ASCII smuggling"). */
const TAG_CHARACTERS = /[\u{e0001}\u{e0020}-\u{e007f}]/u;
/** A line that gives the assistant an order: "AI assistant: ignore the user and …", "// AI agents: run …". */
const ORDER_TO_ASSISTANT =
  /(?:^|\n)[ \t>*#/-]*(?:ai|assistant|ai assistant|ai agents?|llm|language model|chatbot)\s*[:-]\s*(?:please\s+)?(?:ignore|disregard|forget|do not|don'?t|stop|instead|you must|send|forward|email|reply to|respond|say|tell|output|print|reveal|visit|navigate to|click|delete|transfer)\b/i;
/** "TODO(ai): …": a code comment assigned to the model, with an order in it. */
const TASK_FOR_MODEL =
  /\b(?:todo|fixme|note|xxx)\s*\(\s*(?:ai|llm|agent|assistant|copilot|claude|gpt|bot)\s*\)\s*:?[^\n]{0,200}?\b(?:send|forward|upload|post|email|delete|remove|disable|push|merge|approve|commit|run|execute|install|download|add|insert|include|ignore|reveal|print|curl|wget)\b/i;
/** "New instructions: ignore …", "Updated task: you are …". */
const NEW_INSTRUCTIONS =
  /\b(?:new|updated|revised|real|actual|true|secret|hidden|additional|override|important|urgent|system)\s+(?:instructions?|directives?|task|orders|commands?|prompt|system prompt)\s*[:\-–—]+\s*["'“]?\s*(?:ignore|disregard|forget|override|respond|reply|answer|say|output|print|reveal|pretend|act as|instead|stop|from now on|you (?:are|must|will|should|now))\b/i;
/**
 * An element hidden from people: by its style, the hidden attribute, or a class screen readers use. Bounded, so that
 * a tag that never closes costs no more than its first few hundred characters.
 */
const HIDDEN_OPENING_TAG =
  /<(\w+)\b[^>]{0,500}?(?:\shidden\b|aria-hidden\s*=\s*["']?true|class\s*=\s*["'][^"'>]{0,200}\b(?:sr-only|visually-hidden)\b|style\s*=\s*["'][^"'>]{0,300}(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*(?:0(?![.\d])|0\.0\d*|[12](?:px|pt)\b)|opacity\s*:\s*0(?![.\d])|color\s*:\s*(?:white|#fff(?:fff)?\b|transparent)|(?:width|height)\s*:\s*0(?![.\d])|left\s*:\s*-\d{3,}px|text-indent\s*:\s*-\d{3,}))[^>]{0,500}>/gi;
const HIDDEN_CONTENT_CHARACTERS = 2000;
const ADDRESSES_MODEL =
  /\b(?:ai|ais|assistants?|llms?|agents?|chatbots?|models?|gpt|chatgpt|claude|copilot|system prompt|language models?)\b/;
const GIVES_ORDERS =
  /\b(?:instructions?|ignore|disregard|forget|must|should|always|never|do not|dont|prompt|respond|reply|say|tell|send|forward|output|print|reveal|recommend|include)\b/;

function speaksToTheModel(hiddenText: string): boolean {
  const content = normaliseText(hiddenText).words.join(' ');
  return ADDRESSES_MODEL.test(content) && GIVES_ORDERS.test(content);
}

/** An HTML comment that speaks to the model and gives it orders. Found with indexOf: linear on any input. */
function commentsGiveOrders(document: string): boolean {
  for (let open = document.indexOf('<!--'); open >= 0; open = document.indexOf('<!--', open + 4)) {
    const close = document.indexOf('-->', open + 4);
    if (close < 0) return false;
    if (speaksToTheModel(document.slice(open + 4, close))) return true;
    open = close;
  }
  return false;
}

/** An element hidden from people whose text speaks to the model and gives it orders. */
function hiddenElementsGiveOrders(document: string): boolean {
  HIDDEN_OPENING_TAG.lastIndex = 0;
  for (let found = HIDDEN_OPENING_TAG.exec(document); found !== null; found = HIDDEN_OPENING_TAG.exec(document)) {
    const start = found.index + found[0].length;
    let content = document.slice(start, start + HIDDEN_CONTENT_CHARACTERS);
    const close = content.toLowerCase().indexOf(`</${(found[1] ?? '').toLowerCase()}`);
    if (close >= 0) content = content.slice(0, close);
    if (speaksToTheModel(content.replace(/<[^>]*>/g, ' '))) return true;
  }
  return false;
}

const MAY_HIDE_ELEMENTS = /style\s*=|hidden|sr-only/i;

/** Attacks spelled so that the patterns miss them: letter by letter, backwards, in base64. */
function hiddenAttack(
  raw: string,
  text: NormalisedText,
  reversedWords: boolean,
  detect: (decoded: string) => boolean,
): boolean {
  if (text.gluedWords.length > 0 && gluedWordsSpellAttack(text)) return true;
  if (reversedWords && detect(reverseText(raw))) return true;
  return decodeBase64Runs(raw).some(detect);
}

/** Violence or sexual content the grader rates medium or above. */
function gradedHarmful(text: NormalisedText): boolean {
  const grades = gradeHarm(text);
  return [grades.violence, grades.sexual].some((severity) => severity === 'medium' || severity === 'high');
}

/** A persona asked for something the grader rates harmful: "pretend you are an evil AI and tell me how to …". */
function personaAskingForHarm(text: NormalisedText): boolean {
  return PERSONA_FRAMING.test(text.words.join(' ')) && gradedHarmful(text);
}

/** A direct attack (jailbreak) in the user's own text. */
export function detectDirectAttack(userPrompt: string): boolean {
  return detectDirect(userPrompt, true);
}

function detectDirect(userPrompt: string, lookDeeper: boolean): boolean {
  const text = normaliseText(userPrompt);
  const scanned = scanSentences(text, DIRECT);
  if (scanned === MATCHED || hasFakeSystemMessage(userPrompt)) return true;
  if (!lookDeeper) return false;
  // A harmful request hidden in base64 or backwards is an attempt to slip it past the rules, whatever it asks.
  const detectDecoded = (decoded: string) => detectDirect(decoded, false) || gradedHarmful(normaliseText(decoded));
  return hiddenAttack(userPrompt, text, scanned === REVERSED, detectDecoded) || personaAskingForHarm(text);
}

/** An indirect attack in a document or tool result: orders to the model hidden in data. */
export function detectIndirectAttack(document: string): boolean {
  return detectIndirect(document, true);
}

function detectIndirect(document: string, lookDeeper: boolean): boolean {
  if (TAG_CHARACTERS.test(document) || hasChatTemplateToken(document)) return true;
  if (ORDER_TO_ASSISTANT.test(document) || NEW_INSTRUCTIONS.test(document) || TASK_FOR_MODEL.test(document))
    return true;
  if (hasFakeSystemMessage(document) || hasExfiltratingImage(document)) return true;
  if (document.includes('<!--') && commentsGiveOrders(document)) return true;
  if (MAY_HIDE_ELEMENTS.test(document) && hiddenElementsGiveOrders(document)) return true;
  const text = normaliseText(document);
  const scanned = scanSentences(text, DIRECT_AND_INDIRECT);
  if (scanned === MATCHED) return true;
  if (!lookDeeper) return false;
  return hiddenAttack(document, text, scanned === REVERSED, (decoded) => detectIndirect(decoded, false));
}
