import type { AttackPattern } from './attack-pattern.js';

/**
 * "Ignore previous instructions", "reveal your system prompt" and "answer without restrictions" in Spanish,
 * French, German, Portuguese, Italian and Dutch. Normalised text has no accents ("précédentes" → "precedentes",
 * "Einschränkungen" → "einschrankungen", "instruções" → "instrucoes"). Ignoring something that is not a rule is
 * ordinary ("ignora los errores de ortografía"), so each pattern needs the rules named, and a word that makes them
 * the model's: previous, all, yours.
 */

const ES_IGNORE =
  '(?:ignora|ignore|ignoren|ignorar|ignores|olvida|olvide|olviden|olvidar|olvides|descarta|descarte|descartar|omite|omita|omitir|desobedece|desobedezca)';
const ES_RULES =
  '(?:instrucciones|indicaciones|reglas|ordenes|directrices|normas|restricciones|politicas|pautas|limitaciones|filtros|programacion|directivas|prompts?)';
const ES_PRIOR = '(?:anteriores|previas|precedentes|iniciales|originales|de seguridad|del sistema|de arriba)';

const FR_IGNORE =
  '(?:ignore|ignorez|ignorer|ignores|oublie|oubliez|oublier|neglige|negligez|ecarte|ecartez|abandonne|abandonnez|ne tiens pas compte des|ne tenez pas compte des|fais abstraction des|faites abstraction des)';
const FR_RULES =
  '(?:instructions|consignes|regles|directives|ordres|restrictions|limites|filtres|politiques|indications|prompts?)';
const FR_PRIOR = '(?:precedentes|anterieures|initiales|originales|du systeme|ci dessus|de securite|davant)';

const DE_IGNORE =
  '(?:ignoriere|ignorier|ignorieren|ignoriert|vergiss|vergessen|vergesst|missachte|missachten|missachtet|uberspringe|verwirf|verwerfe|verwerfen)';
const DE_RULES =
  '(?:anweisungen|anweisung|instruktionen|regeln|befehle|vorgaben|richtlinien|einschrankungen|beschrankungen|filter|anordnungen|systemanweisungen|systemprompts?|sicherheitsrichtlinien|programmierung)';
const DE_PRIOR =
  '(?:deine|ihre|eure|vorherigen|vorigen|bisherigen|fruheren|obigen|vorangegangenen|vorhergehenden|ursprunglichen|alten|bestehenden)';

const PT_IGNORE =
  '(?:ignore|ignora|ignorar|ignorem|esqueca|esquece|esquecer|esquecam|desconsidere|desconsidera|desconsiderar|descarte|descarta|abandone)';
const PT_RULES =
  '(?:instrucoes|regras|diretrizes|ordens|restricoes|politicas|orientacoes|comandos|limitacoes|filtros|diretivas|prompts?|programacao)';
const PT_PRIOR = '(?:anteriores|previas|iniciais|originais|do sistema|de seguranca|acima)';

/** Ignore + rules + "previous"; ignore + "your" rules; ignore + "all the" rules. */
function ignoreRules(ignore: string, rules: string, prior: string, yours: string, all: string): RegExp {
  return new RegExp(
    `\\b${ignore}(?: \\w+){0,3} ${rules} ${prior}\\b|\\b${ignore}(?: ${all})?(?: \\w+)? ${yours} (?:\\w+ )?${rules}\\b|\\b${ignore} ${all} \\w+ ${rules}\\b`,
  );
}

/** The first words of each verb, for the anchors. */
function anchorsOf(...alternations: string[]): string[] {
  return alternations.flatMap((alternation) =>
    alternation
      .replace(/^\(\?:|\)$/g, '')
      .split('|')
      .map((phrase) => phrase.split(' ')[0] ?? phrase),
  );
}

const RESPOND =
  '(?:responde|responda|respondeme|contesta|conteste|habla|reponds|repondez|parle|parlez|antworte|antworten|antwortest|sprich|fale|escreve|escreva|escribe|ecris|ecrivez|schreibe|schreib|rispondi|risponda)';
const WITHOUT_LIMITS =
  '(?:sin|sans|ohne|sem|senza) (?:ninguna |ningun |aucune |aucun |jegliche |irgendwelche |nenhuma |nenhum |quaisquer |qualquer |alcuna |alcun )?(?:restricciones|restriccion|filtros|filtro|censura|limites|reglas|restrictions|filtres|censure|regles|einschrankungen|filter|zensur|grenzen|regeln|beschrankungen|restricoes|regras|restrizioni|regole)';

export const FOREIGN_LANGUAGE_ATTACK_PATTERNS: readonly AttackPattern[] = [
  {
    name: 'ignore previous instructions, in Spanish',
    anchors: anchorsOf(ES_IGNORE),
    regex: ignoreRules(ES_IGNORE, ES_RULES, ES_PRIOR, '(?:tus|sus)', '(?:todas|todos)(?: las| los)?'),
  },
  {
    name: 'ignore previous instructions, in French',
    anchors: anchorsOf(FR_IGNORE),
    regex: ignoreRules(FR_IGNORE, FR_RULES, FR_PRIOR, '(?:tes|vos)', '(?:toutes|tous)(?: les)?'),
  },
  {
    name: 'ignore previous instructions, in German',
    anchors: anchorsOf(DE_IGNORE),
    regex: new RegExp(
      `\\b${DE_IGNORE}(?: (?:sie|du|bitte|einfach|nun|jetzt))*(?: (?:alle|samtliche|jegliche|die))?(?: ${DE_PRIOR})+ ${DE_RULES}\\b|\\b${DE_IGNORE}(?: (?:sie|du|bitte))* (?:alle|samtliche|jegliche) ${DE_RULES}\\b`,
    ),
  },
  {
    name: 'ignore previous instructions, in Portuguese',
    anchors: anchorsOf(PT_IGNORE),
    regex: ignoreRules(PT_IGNORE, PT_RULES, PT_PRIOR, '(?:suas|seus|tuas|teus)', '(?:todas|todos)(?: as| os)?'),
  },
  {
    name: 'ignore previous instructions, in Italian and Dutch',
    anchors: ['ignora', 'ignori', 'ignorate', 'dimentica', 'dimentichi', 'dimenticate', 'negeer', 'vergeet'],
    regex:
      /\b(?:ignora|ignori|ignorate|dimentica|dimentichi|dimenticate)(?: \w+){0,3} (?:istruzioni|regole|direttive|indicazioni|restrizioni) (?:precedenti|iniziali|originali|del sistema)\b|\b(?:ignora|ignori|dimentica|dimentichi)(?: tutte)?(?: le)? (?:tue|sue) (?:istruzioni|regole|direttive)\b|\b(?:negeer|vergeet) (?:alle |al je |je |jouw )?(?:vorige |eerdere |eerste )?(?:instructies|regels|richtlijnen|beperkingen)\b/,
  },
  {
    name: 'forget everything above, in other languages',
    anchors: [
      'olvida',
      'ignora',
      'oublie',
      'oubliez',
      'ignore',
      'ignorez',
      'vergiss',
      'ignoriere',
      'esqueca',
      'esquece',
    ],
    regex:
      /\b(?:olvida|ignora) todo lo (?:anterior|que te (?:dijeron|han dicho)|de arriba)\b|\b(?:oublie|oubliez|ignore|ignorez) tout ce (?:qui precede|quon ta dit|quon vous a dit)\b|\b(?:vergiss|ignoriere) alles (?:bisherige|vorherige|was (?:man )?dir gesagt)\b|\b(?:esqueca|esquece|ignore) tudo (?:o que (?:te|lhe) disseram|acima|anterior)\b/,
  },
  {
    name: 'reveal your system prompt, in other languages',
    anchors: [
      'muestra',
      'muestrame',
      'revela',
      'revelame',
      'dime',
      'ensename',
      'imprime',
      'repite',
      'escribe',
      'revele',
      'revelez',
      'montre',
      'montrez',
      'affiche',
      'affichez',
      'donne',
      'donnez',
      'repete',
      'repetez',
      'dis',
      'dites',
      'zeig',
      'zeige',
      'zeigen',
      'gib',
      'geben',
      'nenne',
      'nennen',
      'verrate',
      'verraten',
      'wiederhole',
      'wiederholen',
      'mostre',
      'mostra',
      'diga',
      'diz',
      'repita',
      'imprima',
      'escreva',
    ],
    regex:
      /\b(?:muestra|muestrame|revela|revelame|dime|ensename|imprime|repite|escribe)(?: \w+)? (?:tu|el|su|tus|sus) (?:prompt|mensaje|instrucciones|indicaciones)(?: \w+)? (?:del|de) sistema\b|\b(?:revele|revelez|montre|montrez|affiche|affichez|donne|donnez|repete|repetez|ecris|ecrivez|dis|dites)(?: moi)? (?:ton|votre|le|tes|vos|les) (?:prompt|message|instructions|consignes)(?: du)? (?:systeme|initiales?|initial|cachees?|secretes?)\b|\b(?:zeig|zeige|zeigen|gib|geben|nenne|nennen|verrate|verraten|wiederhole|wiederholen)(?: sie)?(?: mir)? (?:deinen|ihren|den|deine|ihre|die) (?:systemprompt|system prompt|systemanweisungen|systemnachricht|versteckten anweisungen|ursprunglichen anweisungen)\b|\b(?:revele|revela|mostre|mostra|diga|diz|repita|imprima|escreva)(?: me)? (?:o |a )?(?:seu|sua|teu|tua|suas|seus) (?:prompt|mensagem|instrucoes)(?: \w+)? (?:do|de) sistema\b/,
  },
  {
    name: 'answer without restrictions, in other languages',
    anchors: anchorsOf(RESPOND),
    regex: new RegExp(`\\b${RESPOND}\\b.{0,40}?\\b${WITHOUT_LIMITS}\\b`),
  },
];
