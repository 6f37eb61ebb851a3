import { DIRECT_ATTACK_PATTERNS, INDIRECT_ATTACK_PATTERNS, type AttackPattern } from './jailbreak-patterns.js';
import { normaliseText, SENTENCE_BREAK, type NormalisedText } from './normalise-text.js';

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
  /\b(?:never|not|dont|do not|must not|mustnt|should not|shouldnt|cannot|cant|wont|will not|refuse to|avoid|doesnt|does not|asks you to|asking you to|tells you to|telling you to|tries to|trying to|attempts to|attempting to|such as|for example|eg|called|known as|phrases like|says|saying|injection|injections|attack|attacks|payload|payloads)(?: \w+){0,2} ?$/;
const DEFUSING_CONTEXT_CHARACTERS = 40;

function matchesUndefused(sentence: string, pattern: AttackPattern, global: RegExp): boolean {
  if (pattern.alsoRequires !== undefined && !pattern.alsoRequires.test(sentence)) return false;
  global.lastIndex = 0;
  for (let found = global.exec(sentence); found !== null; found = global.exec(sentence)) {
    const before = sentence.slice(Math.max(0, found.index - DEFUSING_CONTEXT_CHARACTERS), found.index);
    if (!DEFUSING_PREFIX.test(before)) return true;
    global.lastIndex = found.index + 1;
  }
  return false;
}

/** The text's words, each leet word read as a pattern word where one reading is ("a11" → "all"). */
function readForPatterns(text: NormalisedText): readonly string[] {
  if (text.otherReadings.size === 0) return text.words;
  const words = [...text.words];
  for (const [index, readings] of text.otherReadings) {
    const word = words[index] ?? '';
    const reading = PATTERN_VOCABULARY.has(word) ? undefined : readings.find((each) => PATTERN_VOCABULARY.has(each));
    if (reading !== undefined) words[index] = reading;
  }
  return words;
}

/** True when a sentence holding one of a pattern's anchors matches that pattern. */
function anySentenceMatches(text: NormalisedText, compiled: CompiledAttackPatterns): boolean {
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
          if (entry !== undefined && matchesUndefused(sentence, entry.pattern, entry.global)) return true;
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
    }
  }
  return false;
}

/** Unicode tag characters spell hidden ASCII that people cannot see and models read ("ASCII smuggling"). */
const TAG_CHARACTERS = /[\u{e0001}\u{e0020}-\u{e007f}]/u;
/** Chat-template role markers smuggled into data. */
const ROLE_MARKERS = /<\|im_start\|>\s*(?:system|assistant)|<\|(?:system|assistant)\|>|<<SYS>>|\[INST\]/i;
/** A line that gives the assistant an order: "AI assistant: ignore the user and …". */
const ORDER_TO_ASSISTANT =
  /(?:^|\n)[ \t>*#-]*(?:ai|assistant|ai assistant|ai agent|llm|language model|chatbot)\s*[:-]\s*(?:please\s+)?(?:ignore|disregard|forget|do not|don'?t|stop|instead|you must|send|forward|email|reply to|respond|say|tell|output|print|reveal|visit|navigate to|click|delete|transfer)\b/i;
/** "New instructions: ignore …", "Updated task: you are …". */
const NEW_INSTRUCTIONS =
  /\b(?:new|updated|revised|real|actual|true|secret|hidden|additional|override|important|urgent|system)\s+(?:instructions?|directives?|task|orders|commands?|prompt|system prompt)\s*[:\-–—]+\s*["'“]?\s*(?:ignore|disregard|forget|override|respond|reply|answer|say|output|print|reveal|pretend|act as|instead|stop|from now on|you (?:are|must|will|should|now))\b/i;
const HIDDEN_ELEMENT =
  /<(\w+)\b[^>]*\bstyle\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])|opacity\s*:\s*0(?![.\d])|color\s*:\s*(?:white|#fff(?:fff)?\b|transparent))[^"']*["'][^>]*>([^<]{0,2000})<\/\1>/gi;
const ADDRESSES_MODEL =
  /\b(?:ai|assistant|assistants|llm|llms|agent|agents|chatbot|model|gpt|chatgpt|claude|copilot|system prompt)\b/;
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

/** An element styled invisible whose text speaks to the model and gives it orders. */
function hiddenElementsGiveOrders(document: string): boolean {
  HIDDEN_ELEMENT.lastIndex = 0;
  for (let found = HIDDEN_ELEMENT.exec(document); found !== null; found = HIDDEN_ELEMENT.exec(document)) {
    if (speaksToTheModel(found[2] ?? '')) return true;
  }
  return false;
}

/** A direct attack (jailbreak) in the user's own text. */
export function detectDirectAttack(userPrompt: string): boolean {
  return anySentenceMatches(normaliseText(userPrompt), DIRECT);
}

/** An indirect attack in a document or tool result: orders to the model hidden in data. */
export function detectIndirectAttack(document: string): boolean {
  if (TAG_CHARACTERS.test(document) || ROLE_MARKERS.test(document)) return true;
  if (ORDER_TO_ASSISTANT.test(document) || NEW_INSTRUCTIONS.test(document)) return true;
  if (document.includes('<!--') && commentsGiveOrders(document)) return true;
  if (/style\s*=/i.test(document) && hiddenElementsGiveOrders(document)) return true;
  return anySentenceMatches(normaliseText(document), DIRECT_AND_INDIRECT);
}
