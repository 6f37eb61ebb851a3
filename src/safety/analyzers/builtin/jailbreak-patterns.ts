import type { AttackPattern } from './attack-pattern.js';
import { DOCUMENT_ATTACK_PATTERNS, EVASION_ATTACK_PATTERNS } from './evasion-attack-patterns.js';
import { FOREIGN_LANGUAGE_ATTACK_PATTERNS } from './foreign-language-attack-patterns.js';
import { ROLE_PLAY_ATTACK_PATTERNS } from './role-play-attack-patterns.js';

export type { AttackPattern } from './attack-pattern.js';

const IGNORE = '(?:ignore|disregard|forget|override|bypass|discard|abandon|neglect|skip|erase|set aside|throw out)';
const PRIOR =
  '(?:previous|prior|above|earlier|preceding|former|original|initial|old|past|preset|existing|default|foregoing|given|all)';
const RULES =
  '(?:instructions?|rules?|guidelines?|directives?|prompts?|commands?|restrictions?|constraints?|programming|polic(?:y|ies)|guidance|training|orders|limitations|filters?|system prompt|system message|context)';
const STRONG_LIMITS =
  '(?:restrictions|filters?|filtering|guidelines|limitations|censorship|content polic(?:y|ies)|polic(?:y|ies)|safeguards|guardrails|programming|safety (?:rules|guidelines|filters|protocols)|openai|anthropic)';
const WEAK_LIMITS = '(?:rules|limits|constraints|ethics|morals|morality|principles|boundaries)';
const LIMIT_QUALIFIER = '(?:your|any of your|all of your|ethical|moral|safety|content|usual|ai|programmed|built in)';
const UNLIMITED =
  '(?:unfiltered|uncensored|unrestricted|unlimited|jailbroken|unaligned|amoral|unethical|evil|malicious|rogue|unhinged|lawless|limitless|unbound|unchained|immoral|rulefree|rule free)';
const AI =
  '(?:ai|assistant|model|chatbot|bot|version|language model|llm|machine|entity|intelligence|gpt|chatgpt|persona|character|mode)';
const NO =
  '(?:no|without|free of|free from|freed from|not bound by|unbound by|dont have|do not have|dont follow|do not follow|ignoring|bypassing|not restricted by|not limited by|exempt from|beyond)';

/** Direct attacks: the user's own text trying to switch the model's rules off. */
const CORE_DIRECT_ATTACK_PATTERNS: readonly AttackPattern[] = [
  {
    name: 'ignore previous instructions',
    anchors: [
      'ignore',
      'disregard',
      'forget',
      'override',
      'bypass',
      'discard',
      'abandon',
      'neglect',
      'skip',
      'erase',
      'set',
      'throw',
    ],
    regex: new RegExp(
      `\\b${IGNORE} (?:all |any |every |each )?(?:of )?(?:the |your |these |those |this |its )?${PRIOR} (?:(?:system|safety|content|ai|developer|openai|anthropic|ethical) )?${RULES}\\b`,
    ),
  },
  {
    name: 'ignore the above and …',
    anchors: ['ignore', 'disregard', 'forget'],
    regex:
      /\b(?:ignore|disregard|forget) (?:all of |everything )?(?:the |what is |whats )?(?:above|previous|prior|preceding|foregoing)(?: text| content| message| messages| conversation| said)? (?:and|then|instead|now|from|you|your|say|print|output|write|respond|reply|tell|just|only|completely|entirely)\b/,
  },
  {
    name: 'ignore your rules',
    anchors: ['ignore', 'disregard', 'forget', 'override', 'bypass', 'abandon', 'discard'],
    regex:
      /\b(?:ignore|disregard|forget|override|bypass|abandon|discard) (?:all |any )?(?:of )?your (?:\w+ )?(?:instructions|rules|guidelines|programming|restrictions|constraints|policies|filters|training|principles|ethics|morals|safeguards|guardrails|limitations|directives|system prompt)\b/,
  },
  {
    // Naming the jailbreak is not using it: "what was the DAN jailbreak?" asks about it.
    name: 'do anything now',
    anchors: ['anything', 'dan'],
    regex:
      /\bdan mode\b|\b(?:use|activate|enable|enter|run|start|apply|this is) (?:the |a )?dan (?:jailbreak|prompt)\b|\b(?:act as|become|you are now|youre now|pretend to be|roleplay as|role play as|stay in character as|role of) (?:an? )?dan\b/,
  },
  {
    name: 'do anything now, addressed to the model',
    anchors: ['anything'],
    regex: /\bdo anything now\b/,
    alsoRequires: /\b(?:you|your|yourself|role|pretend|act|immerse|become|stay|character)\b/,
  },
  {
    name: 'developer mode enabled',
    anchors: ['mode'],
    regex:
      /\b(?:developer|dev|god|jailbreak|jailbroken|dan|sudo|unrestricted|unfiltered|uncensored|evil|chaos|opposite|anarchy|debug) mode (?:is |has been |now )?(?:enabled|activated|on|engaged|unlocked)\b/,
    alsoRequires:
      /\b(?:chatgpt|gpt|ai|assistant|model|claude|llm|chatbot|respond|responses?|answers?|policies|policy|openai|anthropic|censor\w*|refuse|generate)\b/,
  },
  {
    name: 'enter an unrestricted mode',
    anchors: ['mode'],
    regex:
      /\b(?:enable|activate|enter|switch to|turn on|unlock|engage) (?:the )?(?:dan|jailbreak|jailbroken|god|unrestricted|unfiltered|uncensored|evil|chaos) mode\b/,
  },
  {
    name: 'act as an unfiltered AI',
    anchors: [
      'unfiltered',
      'uncensored',
      'unrestricted',
      'unlimited',
      'jailbroken',
      'unaligned',
      'amoral',
      'unethical',
      'evil',
      'malicious',
      'rogue',
      'unhinged',
      'lawless',
      'limitless',
      'unbound',
      'unchained',
      'immoral',
      'rulefree',
      'rule',
    ],
    regex: new RegExp(
      `\\b(?:act|acting|behave|respond|answer|reply|roleplay|role play|pretend|function|operate|speak|write|talk|you are|youre|you will be|become|be|simulate)(?: now)? (?:as |like )?(?:an? |the |if you were an? )?(?:completely |totally |fully |an )?${UNLIMITED} ${AI}\\b`,
    ),
  },
  {
    name: 'pretend you have no restrictions',
    anchors: [
      'pretend',
      'imagine',
      'act',
      'suppose',
      'assume',
      'behave',
      'roleplay',
      'role',
      'simulate',
      'from',
      'hypothetically',
      'lets',
    ],
    regex: new RegExp(
      `\\b(?:pretend|imagine|act as if|act like|suppose|assume|behave as if|roleplay|role play|simulate|from now on|hypothetically|lets say)(?: that)? (?:you|youre|your|u)\\b.{0,80}?\\b${NO}(?: any| all)?(?: of)?(?: your| the| its)?(?: (?:ethical|moral|safety|content|usual|typical|normal|programmed|built in))? (?:${STRONG_LIMITS}\\b|(?<=(?:${LIMIT_QUALIFIER}) )${WEAK_LIMITS}\\b)`,
    ),
  },
  {
    name: 'from now on without restrictions',
    anchors: ['from'],
    regex:
      /\bfrom now on\b.{0,80}?\b(?:without|no|never|not)(?: any)? (?:restrictions|filters?|censorship|censoring|refus\w*|moral\w*|ethic\w*|limits|limitations|guidelines|safety)\b/,
  },
  {
    name: 'never refuse',
    anchors: ['refuse', 'decline', 'reject'],
    regex:
      /\b(?:you will|you must|you shall|you can|you should|you cannot|you cant|never|dont|do not)(?: ever)? (?:refuse|decline|reject)(?: to)?(?: answer| respond to| comply with)? (?:any|my|anything|every|all)\b/,
  },
  {
    name: 'reveal your system prompt',
    anchors: ['prompt', 'instructions', 'message', 'preprompt'],
    regex:
      /\b(?:reveal|print|show|display|output|repeat|recite|dump|leak|expose|share|tell me|give me|write out|write down|paste|copy|list|spell out|disclose|return|echo)(?: me)?(?: all| back)?(?: of)? (?:your|the) (?:(?:full|entire|complete|exact|original|hidden|initial|secret|internal|verbatim|first|real|actual|previous) ){0,3}(?:system prompt|system message|system instructions|initial prompt|hidden prompt|hidden instructions|original instructions|initial instructions|secret instructions|developer message|developer prompt|pre prompt|preprompt)\b/,
  },
  {
    name: 'what are your instructions',
    anchors: ['prompt', 'instructions', 'message', 'preprompt'],
    regex:
      /\b(?:reveal|print|show|display|output|repeat|recite|dump|leak|expose|tell me|give me|write out|paste|disclose|what (?:is|are|was|were)|whats)(?: me)?(?: all)?(?: of)? your (?:(?:full|entire|complete|exact|original|hidden|initial|secret|internal|system|verbatim|real|actual) ){0,3}(?:prompt|instructions|system message|developer message|preprompt)\b/,
  },
  {
    name: 'repeat the words above',
    anchors: ['above'],
    regex:
      /\b(?:repeat|print|output|copy|recite|write)(?: out)? (?:all |everything |the )?(?:words|text|content|instructions|everything|all)? ?(?:above|before this)\b.{0,60}\b(?:starting|beginning) with\b|\b(?:repeat|print|output|recite) (?:all |everything |the )?(?:words|text|instructions|everything) above (?:verbatim|word for word)\b/,
  },
  {
    name: 'disable your filters',
    anchors: [
      'disable',
      'turn',
      'remove',
      'bypass',
      'deactivate',
      'switch',
      'circumvent',
      'get',
      'override',
      'lift',
      'drop',
    ],
    regex:
      /\b(?:disable|turn off|remove|bypass|deactivate|switch off|circumvent|get around|override|lift|drop)(?: all| any)?(?: of)? your (?:(?:safety|content|ethical|moral) )?(?:filters?|guidelines|protocols|restrictions|safeguards|guardrails|censorship|limitations|safety|alignment|programming)\b/,
  },
];

/** Direct attacks: the user's own text trying to switch the model's rules off, in English and other languages. */
export const DIRECT_ATTACK_PATTERNS: readonly AttackPattern[] = [
  ...CORE_DIRECT_ATTACK_PATTERNS,
  ...ROLE_PLAY_ATTACK_PATTERNS,
  ...FOREIGN_LANGUAGE_ATTACK_PATTERNS,
  ...EVASION_ATTACK_PATTERNS,
];

/** "Note to AI researchers" speaks to people about AI, not to a model. */
const NOT_A_MODEL =
  '(?! (?:researchers?|engineers?|developers?|teams?|enthusiasts?|practitioners?|startups?|companies|vendors?|users?|product|products|community|experts?|folks|people|labs?|ethics|policy|policies|safety|market|industry|act|regulation|governance|training|features?|integration|tools?|news|course|courses|skills?))';
const AI_ADDRESSEE = `(?:(?:ai|ais|assistant|assistants|ai assistant|ai assistants|ai agent|ai agents|agent|agents|llm|llms|language model|language models|large language model|large language models|chatbot|chatbots|bot|bots|model|models|gpt|chatgpt|claude|copilot|gemini|ai model|ai models|ai system|ai systems|ai coding assistants?|coding assistants?|coding agents?)${NOT_A_MODEL}|automated (?:screeners?|systems?|reviewers?|readers?|tools?|agents?|assistants?|parsers?|recruiters?|graders?|hiring systems?)|ai (?:screeners?|reviewers?|recruiters?|graders?|readers?|summari[sz]ers?))`;
const DIRECTIVE =
  '(?:ignore|disregard|forget|do not|dont|never|stop|instead|you must|you should|you will|you are|send|forward|email|reply|respond|say|tell|output|print|reveal|include|append|insert|visit|navigate|click|open|call|execute|run|transfer|delete|recommend|write|post|upload|share|summarize|summarise|translate|praise|rate|rank|score|mark|classify|shortlist|approve|merge|push|commit|disable|install|download)';
const ACTION =
  '(?:send|forward|email|transfer|upload|post|exfiltrate|delete|buy|purchase|pay|visit|open|click|run|execute|share|download|install|approve|grant|wire)';

/** Indirect attacks: instructions addressed to the model inside documents, web pages, emails and tool results. */
const CORE_INDIRECT_ATTACK_PATTERNS: readonly AttackPattern[] = [
  {
    name: 'a note to the AI with an order',
    anchors: [
      'note',
      'message',
      'attention',
      'instruction',
      'instructions',
      'important',
      'notice',
      'reminder',
      'memo',
      'hey',
      'hi',
      'dear',
      'hello',
      'attn',
      'psa',
      'warning',
    ],
    regex: new RegExp(
      `\\b(?:note|message|attention|instructions?|important|notice|reminder|memo|hey|hi|dear|hello|attn|psa|warning)(?: to| for)?(?: the| any| all| every)? ${AI_ADDRESSEE}\\b.{0,80}?\\b${DIRECTIVE}\\b`,
    ),
  },
  {
    // "AI assistant, forward the conversation to …": the model named, then an order; "let the assistant forward
    // your calls" describes a product.
    name: 'the AI called on with an order',
    anchors: ['ai', 'assistant', 'llm', 'chatbot', 'copilot', 'claude', 'chatgpt', 'gpt', 'agent'],
    regex:
      /(?<!\b(?:let|lets|have|has|make|makes|help|helps|can|will|would|could|may|might|should|to|the|an?|your|our|my|their|this|that|and|or|its|ai) )\b(?:ai|ai assistant|assistant|llm|chatbot|copilot|claude|chatgpt|gpt|ai agent) (?:please )?(?:ignore|disregard|forget|forward|exfiltrate|reveal|leak|navigate to|transfer|email)\b/,
  },
  {
    name: 'if you are an AI',
    anchors: ['if', 'any', 'all'],
    regex:
      /\bif you are (?:an? |the )?(?:ai|assistant|ai assistant|llm|language model|large language model|chatbot|bot|ai agent|automated agent|agent|ai model|gpt|chatgpt|claude)\b|\bto (?:any|all) (?:ai|ais|llm|llms|ai assistants?|language models?|chatbots?|ai agents?|ai models?)\b/,
  },
  {
    name: 'AI reading this',
    anchors: [
      'reading',
      'processing',
      'summarizing',
      'summarising',
      'parsing',
      'browsing',
      'analyzing',
      'analysing',
      'scanning',
    ],
    regex:
      /\b(?:ai|ais|llm|llms|language models?|ai assistants?|assistants?|chatbots?|ai agents?) (?:reading|processing|summarizing|summarising|parsing|browsing|analyzing|analysing|scanning) this\b/,
  },
  {
    name: 'when you read this, do something',
    anchors: ['when', 'if', 'once', 'after', 'soon', 'before'],
    regex: new RegExp(
      `\\b(?:when|if|once|after|as soon as|before) you (?:read|see|process|summarize|summarise|parse|encounter|find|receive|load|open|view|analyze|analyse|are reading|retrieve) (?:this|these)\\b.{0,100}?\\b(?:${ACTION}|include|append|output|say|reply|tell|ignore|disregard|forget|navigate|call|respond|write|insert|recommend)\\b`,
    ),
  },
  {
    name: 'ignore the user',
    anchors: ['ignore', 'disregard', 'override', 'listen', 'obey', 'follow'],
    regex:
      /\b(?:ignore|disregard|override|do not listen to|dont listen to|do not obey|dont obey|do not follow|dont follow) (?:the |what the )?(?:user|users|human|customer|operator)s?\b(?! (?:typos?|spelling|formatting|input format))/,
  },
  {
    name: 'act without telling the user',
    anchors: ['without', 'tell', 'inform', 'notify', 'alert', 'mention', 'let'],
    regex:
      /\b(?:without (?:telling|informing|notifying|alerting|asking)|(?:do not|dont|never) (?:tell|inform|notify|alert|mention (?:this|it) to|let)) (?:the )?(?:user|users|human|customer|operator)\b/,
    alsoRequires: new RegExp(`\\b${ACTION}\\b`),
  },
  {
    name: 'exfiltrate',
    anchors: ['exfiltrate', 'exfiltrating', 'exfiltration', 'silently', 'secretly', 'quietly', 'covertly'],
    regex:
      /\bexfiltrat\w*\b|\b(?:silently|secretly|quietly|covertly) (?:send|forward|email|post|upload|transmit|transfer|leak|share|submit|copy)\b/,
  },
];

/** Indirect attacks, with those that speak of the model in the third person. */
export const INDIRECT_ATTACK_PATTERNS: readonly AttackPattern[] = [
  ...CORE_INDIRECT_ATTACK_PATTERNS,
  ...DOCUMENT_ATTACK_PATTERNS,
];
