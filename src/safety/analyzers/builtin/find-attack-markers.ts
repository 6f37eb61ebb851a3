/**
 * Attacks read from the raw text, before normalisation drops the punctuation they are made of: fake system
 * messages ("[system] new policy: …", "### SYSTEM OVERRIDE"), chat-template tokens smuggled into data, and images
 * whose address would carry the conversation away ("![](https://x.example/?q={secret})").
 */

/**
 * A header that claims to come from the system, the developer or an administrator, at the start of a line or a
 * sentence. Each run of blanks is read by one quantifier only: tables full of spaces must not make it backtrack.
 */
const SYSTEM_HEADER =
  /(?:^|[\n.!?])[ \t]*(?:(?:\[|<|\{\{?|\(|#{1,6}|\*{1,3}|={2,}|-{2,}|>)[ \t]*)?(?:system|sys|admin|administrator|developer|root|operator|openai|anthropic|moderator)(?:[ \t_-]+(?:message|msg|prompt|override|update|notice|note|instructions?|alert|command|policy|announcement|directive|mode|notification))?[ \t]*(?:\]|>|\}\}?|\)|:|\*{1,3}|={2,}|-{2,}|\r?\n|$)/gi;
/** "SYSTEM OVERRIDE" anywhere. */
const OVERRIDE_HEADER = /\b(?:system|admin|developer|security|safety|policy)[ \t_-]+override\b/gi;
/** What a fake system message says: the rules are new, lifted or to be ignored, the model must now obey. */
const ESCALATION = new RegExp(
  [
    String.raw`\b(?:new|updated|revised|temporary|emergency)\s+(?:policy|policies|rules?|instructions?|directives?|guidelines|orders|configuration)\s*[:\-–—]`,
    String.raw`\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?(?:the\s+|your\s+|its\s+)?(?:previous|prior|above|earlier|existing|current|safety|content|system|default)?\s*(?:instructions?|rules|guidelines|polic(?:y|ies)|restrictions|filters|prompts?)`,
    String.raw`\bfrom now on\b.{0,60}\b(?:without (?:any )?(?:restrictions|filters|rules|limits|censorship)|no (?:restrictions|filters|rules|limits)|unrestricted|unfiltered|uncensored|ignore|never refuse)\b`,
    // "You must respond in JSON" is an ordinary system prompt; obeying everything, or a new order "now", is not.
    String.raw`\b(?:you|the (?:assistant|ai|model|bot|agent)|assistants?|ai|models?)\s+(?:must|will|shall|should|are to|is to|are now|is now|may now|can now|are required to|are authori[sz]ed to|are permitted to|are allowed to)\s+(?:now\s+)?(?:always\s+)?(?:comply with (?:all|every|any)|obey|ignore|disregard|reveal|disclose|bypass|answer (?:all|every|any)|(?:not|never)\s+(?:refuse|decline|warn)\s+(?:any|anything|all|every))`,
    String.raw`\b(?:you|the (?:assistant|ai|model|bot|agent)|assistants?|ai|models?)\s+(?:must|will|shall|should|are to|is to)\s+now\s+(?:only\s+)?(?:recommend|say|tell|respond|reply|answer|output|include|act|pretend|follow|forward|send|append|insert|share)`,
    String.raw`\b(?:restrictions?|filters?|guidelines|safeguards|guardrails|safety(?:\s+(?:protocols?|filters?|rules|guidelines|measures|systems?))?|protocols?|polic(?:y|ies)|rules|limits|censorship|moderation)\s+(?:(?:are|is|have been|has been|were|was)\s+)?(?:now\s+)?(?:disabled|lifted|removed|suspended|revoked|deactivated|bypassed|waived|overridden|turned off|no longer apply)`,
    String.raw`\b(?:disable|disabling|lift|lifting|remove|removing|suspend|suspending|revoke|revoking|deactivate|deactivating)\s+(?:all\s+)?(?:\w+\s+)?(?:restrictions?|filters?|guidelines|safeguards|guardrails|safety|protocols?|polic(?:y|ies)|rules|limits|censorship|moderation)`,
    String.raw`\b(?:unrestricted|unfiltered|uncensored|jailbreak|jailbroken|developer mode|dan mode|god mode)\b`,
    String.raw`\ball\s+(?:requests|topics|content|questions)\s+(?:are|is)\s+(?:now\s+)?(?:allowed|permitted|approved|authori[sz]ed)`,
    String.raw`\bno longer\s+(?:bound|restricted|required|apply|applies)`,
  ].join('|'),
  'i',
);
/** How far after a header its message is read. */
const MESSAGE_CHARACTERS = 400;

function headerFollowedByEscalation(text: string, header: RegExp): boolean {
  header.lastIndex = 0;
  for (let found = header.exec(text); found !== null; found = header.exec(text)) {
    const end = found.index + found[0].length;
    if (ESCALATION.test(text.slice(end, end + MESSAGE_CHARACTERS))) return true;
    if (found[0].length === 0) header.lastIndex++;
  }
  return false;
}

/** A message dressed as the system's, the developer's or an administrator's that lifts the rules. */
export function hasFakeSystemMessage(text: string): boolean {
  return headerFollowedByEscalation(text, SYSTEM_HEADER) || headerFollowedByEscalation(text, OVERRIDE_HEADER);
}

/** Chat-template tokens that open a new turn: data pretending to be the system, the model or the user. */
const CHAT_TEMPLATE_TOKEN =
  /<\|im_start\|>|<\|(?:system|assistant|user)\|>|<\|start_header_id\|>\s*(?:system|assistant|user)|<start_of_turn>\s*(?:user|model|system)|\[INST\]|<<SYS>>/gi;
/**
 * A token quoted or named as an example is talked about, not used: `"<|im_start|>system" tags`, "the ChatML
 * format wraps each turn in <|im_start|> and <|im_end|> tokens".
 */
const QUOTED_BEFORE = /["'`“‘]\s*$/;
const NAMING_WORDS =
  /\b(?:such as|like|e\.g\.|tokens?|tags?|markers?|delimiters?|called|named|format|formats|template|templates|syntax|chatml|special|wraps?|wrapped|around|surround\w*|uses?|using)\b/i;
const NAMING_WINDOW = 60;

export function hasChatTemplateToken(text: string): boolean {
  CHAT_TEMPLATE_TOKEN.lastIndex = 0;
  for (let found = CHAT_TEMPLATE_TOKEN.exec(text); found !== null; found = CHAT_TEMPLATE_TOKEN.exec(text)) {
    const before = text.slice(Math.max(0, found.index - NAMING_WINDOW), found.index);
    const end = found.index + found[0].length;
    const after = text.slice(end, end + NAMING_WINDOW);
    if (!QUOTED_BEFORE.test(before) && !NAMING_WORDS.test(before) && !NAMING_WORDS.test(after)) return true;
  }
  return false;
}

const MARKDOWN_IMAGE_URL = /!\[[^\]\n]{0,300}\]\(\s*<?(https?:\/\/[^\s)>]{1,2000})/gi;
const HTML_IMAGE_URL = /<img\b[^>]{0,500}?\bsrc\s*=\s*["']?(https?:\/\/[^\s"'>]{1,2000})/gi;
const SENSITIVE =
  '(?:data|secret|passw|token|api.?key|e-?mail|history|conversation|chat|summary|memory|context|prompt|address|phone|card|cookie|credential|pii|private|personal)';
/** A placeholder the model is meant to fill in: `{secret}`, `{{chat_history}}`, `[USER_EMAIL]`, `<data>`. */
const PLACEHOLDER = new RegExp(
  String.raw`(?:\{\{?|\$\{|%7B|\[|<|%3C)\s*[\w .-]{0,40}?${SENSITIVE}[\w .-]{0,40}?\s*(?:\}\}?|%7D|\]|>|%3E)`,
  'i',
);
const CAPITAL_PLACEHOLDER =
  /[?&=/](?:DATA|SECRET|PASSWORD|TOKEN|API_KEY|APIKEY|USER_DATA|USER_EMAIL|EMAIL|HISTORY|CONVERSATION|CHAT|SUMMARY|MEMORY|CONTEXT|PII|CREDENTIALS)\b/;

function someImageUrlCarriesData(text: string, images: RegExp): boolean {
  images.lastIndex = 0;
  for (let found = images.exec(text); found !== null; found = images.exec(text)) {
    const url = found[1] ?? '';
    const query = url.slice(Math.max(0, url.search(/[?#]/)));
    if (!/[?#]/.test(url)) continue;
    if (PLACEHOLDER.test(query) || CAPITAL_PLACEHOLDER.test(query)) return true;
  }
  return false;
}

/** An image whose address has a slot for the user's data: rendering it would send the data away. */
export function hasExfiltratingImage(text: string): boolean {
  return (
    (text.includes('![') && someImageUrlCarriesData(text, MARKDOWN_IMAGE_URL)) ||
    (/<img\b/i.test(text) && someImageUrlCarriesData(text, HTML_IMAGE_URL))
  );
}
