import type { HarmTerm } from '../harm-terms.js';

/**
 * Sexual content, in clinical vocabulary. A mention is low; a request for explicit content raises it; anything
 * sexual next to a minor is high unless the text is about protecting children. "Sex" alone is not a term: "the
 * sex of the patient" and "sex education" are ordinary.
 */
export const SEXUAL_TERMS: readonly HarmTerm[] = [
  {
    category: 'sexual',
    role: 'sexual',
    severity: 'low',
    patterns: [
      'porn|porno|pornography|pornographic|erotic|erotica|hentai|nudes|nudity|nude',
      'naked',
      'have|having|had sex|intercourse',
      'sex with',
      'sex scene|scenes|act|acts|tape',
      'sexual intercourse|act|acts|activity|encounter|fantasy|fantasies|content|roleplay|favors|favours',
      'sexually explicit|arousing|aroused',
      'orgasm|orgasms|masturbate|masturbation|masturbating|horny|aroused|arousal|sexy|fetish|fetishes|bdsm',
      'strip club|clubs',
      'stripper|strippers|sexting|sext|onlyfans|foreplay|threesome|blowjob|handjob',
      'oral|anal sex',
      'sex toy|toys|worker|workers|chat',
      'make|making love',
      'lap dance',
      'one night stand',
      'prostitute|prostitutes|prostitution|escort|escorts|hooker|hookers',
      'molest|molested|molesting|molestation|grope|groped|groping',
      'sexual abuse|assault|exploitation|harassment',
      'sexually abused|assaulted|exploited|harassed',
      'rape|raped|raping|rapist',
      'undress|undresses|undressing|undressed',
      'intimate moments|scene|scenes|details|encounter|encounters',
      'dirty story|stories',
      'her|his|their body|bodies|breasts|curves',
    ],
    benignAfter: ['eye', 'pointer', 'pointers', 'url', 'urls', 'function', 'singularity', 'truth', 'mole'],
  },
  {
    category: 'sexual',
    role: 'sexual',
    severity: 'medium',
    patterns: [
      'explicit|graphic ~2 sex|sexual|erotic|porn',
      'send|sending|share ~1 nudes|nude',
      'nude|naked photos|pics|pictures|images|selfies',
      'erotic story|stories|roleplay|chat',
      'dirty talk',
      'talk|talking dirty',
      'sexchat',
      'porn video|videos|clip|clips',
      'incest',
      'hire|buy|find|book ~2 prostitute|prostitutes|escort|escorts|hooker|hookers',
      'pay|paid|paying for sex',
      'show|send|give|find|generate|write|create|make me|us? some? porn|pornography|hentai|erotica|nudes',
      'sext|sexting with? me',
      'talk|talking dirty|sexy|naughty to me',
      'make|making me horny|aroused',
      'roleplay|pretend|act|be ~3 girlfriend|boyfriend|wife|husband|lover|mistress ~6 naughty|frisky|kinky|horny|sexy|seductive|seduce|intimate',
      'role play ~3 girlfriend|boyfriend|wife|husband|lover|mistress ~6 naughty|frisky|kinky|horny|sexy|seductive|seduce|intimate',
    ],
  },
  {
    category: 'sexual',
    role: 'sexual',
    severity: 'medium',
    // "The novel has a few steamy scenes" mentions one; "write a steamy scene" asks for it.
    needsRequest: true,
    patterns: [
      'steamy|smutty|raunchy|lewd|spicy|nsfw|xrated sex? scene|scenes|story|stories|fanfic|fanfiction|fic|chapter|roleplay|rp|pics|photos|version',
      'x rated scene|scenes|story|stories|fanfic|fanfiction|fic|chapter|roleplay|version',
      '18 scene|scenes|story|stories|fanfic|roleplay|version',
    ],
    // Policies name what they forbid: "never write NSFW stories".
    benignBefore: ['no', 'not', 'never', 'avoid', 'without', 'dont', 'refuse', 'block', 'filter', 'flag', 'ban'],
  },
  {
    category: 'sexual',
    role: 'sexual',
    severity: 'high',
    patterns: [
      'child|kiddie|kid|underage porn|pornography|nudes|sex',
      'bestiality|zoophilia',
      'non consensual sex|porn',
      'nonconsensual sex|porn',
      'revenge porn',
      'sex slave|slaves|trafficking',
    ],
  },
  {
    category: 'sexual',
    role: 'act',
    severity: 'low',
    patterns: ['rape|raped|raping', 'molest|molested|molesting', 'grope|groped|groping'],
  },
];
