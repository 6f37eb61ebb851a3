import type { AttackPattern } from './attack-pattern.js';

/**
 * Direct attacks that neither name the rules nor cast a persona: wiping what the model was told, telling it it is
 * no longer itself, or forcing the first words of a compliant answer. "Forget everything I said" corrects the
 * user's own request and is not among them.
 */
export const EVASION_ATTACK_PATTERNS: readonly AttackPattern[] = [
  {
    name: 'forget what you were told',
    anchors: ['ignore', 'disregard', 'forget'],
    regex:
      /\b(?:ignore|disregard|forget) (?:everything|all|anything) (?:that )?(?:you were|youve been|you have been|you are|youre) (?:told|taught|given|trained|instructed|programmed)\b|\b(?:ignore|disregard|forget) (?:everything|all) (?:in )?your (?:instructions|programming|training|system prompt|rules)\b/,
  },
  {
    name: 'you are no longer yourself',
    anchors: ['longer'],
    regex:
      /\b(?:you are|youre|you re) no longer (?:chatgpt|claude|gpt|gemini|copilot|an ai|an assistant|a language model|an ai assistant|bound|restricted|limited|constrained|governed|required to follow)\b/,
  },
  {
    name: 'begin with a compliant answer',
    anchors: ['start', 'begin'],
    regex:
      /\b(?:start|begin) (?:your|the|each|every) (?:response|answer|reply|output)s? with (?:sure|absolutely|of course|certainly) (?:here|i can|i will|i ll|thing)\b/,
  },
];

const AI_SUBJECT = '(?:the |an |any )?(?:ai|assistant|model|llm|chatbot|agent|ai assistant|language model)s?';

/** Indirect attacks: a document speaking of the model in the third person, or forbidding its task. */
export const DOCUMENT_ATTACK_PATTERNS: readonly AttackPattern[] = [
  {
    name: 'when the AI reads this, it must',
    anchors: ['when', 'if', 'once', 'as'],
    regex: new RegExp(
      `\\b(?:when|if|once|as) ${AI_SUBJECT} (?:reads?|summari[sz]es?|processes?|sees?|parses?|analy[sz]es?|encounters?|retrieves?|is reading|is summari[sz]ing) (?:this|these)\\b.{0,100}?\\b(?:must|should|will|needs? to|has to|include|say|tell|recommend|ignore|forward|send)\\b`,
    ),
  },
  {
    name: 'do not summarise this, instead',
    anchors: ['do', 'dont'],
    regex:
      /\b(?:do not|dont) summari[sz]e (?:this|the) (?:email|page|document|message|article|review)\b|\b(?:do not|dont) (?:translate|analy[sz]e|read|process|review)(?: this| the)? (?:email|page|document|text|message|article|review|file)\b.{0,40}\binstead\b/,
  },
];
