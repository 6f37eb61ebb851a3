import type { Severity } from '../../../spec/index.js';
import type { CategorySeverities } from '../analyzer.js';
import { HarmContext } from './harm-context.js';
import { HARM_TERMS, type HarmTerm } from './harm-terms.js';
import type { NormalisedText } from './normalise-text.js';
import { compileSourcePatterns, findWordPatterns, type WordPatternHit } from './word-patterns.js';
import { PATTERN_MACROS, WORD_CLASSES } from './word-classes.js';

const RANK: Readonly<Record<Severity, number>> = { safe: 0, low: 1, medium: 2, high: 3 };
const BY_RANK: readonly Severity[] = ['safe', 'low', 'medium', 'high'];

const HARM_INDEX = compileSourcePatterns(
  HARM_TERMS.flatMap((term) => term.patterns.map((source) => ({ source, value: term }))),
  { classes: WORD_CLASSES, macros: PATTERN_MACROS },
);

/** Statements are cancelled by software or chores this close: "the stuck job should be killed". */
const STATEMENT_BENIGN_BEFORE = 4;
const STATEMENT_BENIGN_AFTER = 3;
/** Poisons for pests are pest control: "poison for rats". */
const MEANS_BENIGN_BEFORE = 5;
const MEANS_BENIGN_AFTER = 3;
/** "which process to kill": the object stands before the act. */
const ACT_BENIGN_BEFORE = 3;

const benignBeforeSets = new Map<HarmTerm, ReadonlySet<string>>();
const benignAfterSets = new Map<HarmTerm, ReadonlySet<string>>();
for (const term of HARM_TERMS) {
  benignBeforeSets.set(term, new Set(term.benignBefore));
  benignAfterSets.set(term, new Set(term.benignAfter));
}

function atMost(severity: Severity, ceiling: Severity): Severity {
  return RANK[severity] > RANK[ceiling] ? ceiling : severity;
}

function atLeast(severity: Severity, floor: Severity): Severity {
  return RANK[severity] < RANK[floor] ? floor : severity;
}

function raised(severity: Severity): Severity {
  return BY_RANK[Math.min(RANK[severity] + 1, 3)] ?? 'high';
}

const NUMBER = /^\d/;

function hasBenignSense(hit: WordPatternHit<HarmTerm>, context: HarmContext): boolean {
  if (hit.value.notAfterNumber === true && NUMBER.test(context.text.words[hit.start - 1] ?? '')) return true;
  return (
    context.near(hit, benignBeforeSets.get(hit.value), 2, 0) || context.near(hit, benignAfterSets.get(hit.value), 0, 3)
  );
}

/** Something done to someone: raised by a target and by intent, dropped for objects, games and stories. */
function gradeAct(hit: WordPatternHit<HarmTerm>, context: HarmContext): Severity {
  const term = hit.value;
  const target = context.targetOf(hit);
  if (target === 'benign' || target === 'self') return 'safe';
  if (target === 'none' && context.benignObjectNear(hit, ACT_BENIGN_BEFORE, 0)) return 'safe';
  const aimed = target === 'person' || target === 'group' || target === 'place';
  if (term.needsTarget === true && !aimed) return 'safe';
  const someoneReal = target === 'group' || context.targetsSomeoneReal(hit);
  if (context.textHas('game') && !someoneReal) return 'safe';
  const instruction = context.sentenceHas('instruction', hit);
  const desire = context.sentenceHas('desire', hit) || (aimed && context.opensSentence(hit));
  let severity: Severity = term.severity;
  if (instruction || desire) severity = aimed ? 'high' : target === 'vague' ? 'low' : 'medium';
  if (context.textHas('fiction') && !instruction) severity = atMost(severity, 'low');
  if (context.textHas('news') && !instruction && !desire) severity = atMost(severity, 'low');
  // "How do I stop my toddler from hitting other kids?" asks how to prevent it.
  if (context.sentenceHas('prevention', hit) && !context.sentenceHas('desire', hit)) severity = atMost(severity, 'low');
  return atMost(severity, term.ceiling ?? 'high');
}

/** A weapon or agent: high when the writer asks how to make or get it. */
function gradeMeans(hit: WordPatternHit<HarmTerm>, context: HarmContext): Severity {
  const term = hit.value;
  if (context.animalNear(hit, MEANS_BENIGN_BEFORE, MEANS_BENIGN_AFTER)) return 'safe';
  const instruction = context.sentenceHas('instruction', hit);
  const desire = context.sentenceHas('desire', hit);
  // Medium terms carry their own verb ("hide a body").
  const production = context.productionBefore(hit) || term.severity !== 'low';
  let severity: Severity = term.severity;
  if ((instruction || desire) && production) severity = 'high';
  else if (instruction || desire) severity = atLeast(severity, 'medium');
  if ((context.textHas('fiction') || context.textHas('news')) && !instruction) severity = atMost(severity, 'low');
  return severity;
}

/** A phrase whose severity stands, unless it is reported, quoted, discussed or about a stuck job. */
function gradeStatement(hit: WordPatternHit<HarmTerm>, context: HarmContext): Severity {
  const violent = hit.value.category === 'violence';
  if (violent && context.benignObjectNear(hit, STATEMENT_BENIGN_BEFORE, STATEMENT_BENIGN_AFTER)) return 'safe';
  const framed = context.sentenceHas('discussion', hit) || context.textHas('news') || context.textHas('fiction');
  return framed && !context.sentenceHas('desire', hit) ? atMost(hit.value.severity, 'low') : hit.value.severity;
}

/** Self-harm: methods and how-to requests raise it; asking for help, prevention and reports keep it low. */
function gradeSelfHarm(hit: WordPatternHit<HarmTerm>, context: HarmContext): Severity {
  const term = hit.value;
  const method = context.sentenceHas('method', hit);
  const instruction = context.sentenceHas('instruction', hit);
  const desire = context.sentenceHas('desire', hit);
  const support = context.textHas('help') || context.textHas('protective');
  let severity: Severity = term.severity;
  if (method) severity = term.severity !== 'low' || context.firstPersonIn(hit) ? 'high' : atLeast(severity, 'medium');
  else if (instruction && !support) severity = 'high';
  else if (desire) severity = atLeast(severity, 'medium');
  if (support && !method) severity = atMost(severity, 'low');
  const reported = context.textHas('news') || context.textHas('fiction') || context.textHas('game');
  if (reported && !method && !instruction && !desire) severity = atMost(severity, 'low');
  return severity;
}

/** Sexual content: explicit requests raise it, a minor makes it high, medical and protective framing lower it. */
function gradeSexual(hit: WordPatternHit<HarmTerm>, context: HarmContext): Severity {
  const protective = context.textHas('protective') || context.textHas('medical') || context.textHas('schooling');
  const desire = context.sentenceHas('desire', hit);
  const asked = desire || context.textHas('request') || context.sentenceHas('instruction', hit);
  if (context.sentenceHas('minor', hit) && !protective) return 'high';
  const explicitRequest = asked && context.sentenceHas('explicit', hit);
  let severity = explicitRequest ? raised(hit.value.severity) : hit.value.severity;
  // "How do I report it?" asks about protection, not for content.
  if (protective && !explicitRequest && !desire) severity = atMost(severity, 'low');
  if (context.textHas('news') && !asked) severity = atMost(severity, 'low');
  if (hit.value.needsRequest === true && !asked) severity = atMost(severity, 'low');
  return severity;
}

function gradeHit(hit: WordPatternHit<HarmTerm>, context: HarmContext): Severity {
  if (hasBenignSense(hit, context)) return 'safe';
  switch (hit.value.role) {
    case 'act':
      return gradeAct(hit, context);
    case 'means':
      return gradeMeans(hit, context);
    case 'statement':
      return gradeStatement(hit, context);
    case 'self_harm':
      return gradeSelfHarm(hit, context);
    case 'sexual':
      return gradeSexual(hit, context);
  }
}

/** The severity of each harm category in normalised text: the highest any term reaches in its context. */
export function gradeHarm(text: NormalisedText): CategorySeverities {
  const severities: CategorySeverities = { hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' };
  const hits = findWordPatterns(text, HARM_INDEX);
  if (hits.length === 0) return severities;
  const context = new HarmContext(text);
  for (const hit of hits) {
    const category = hit.value.category;
    if (severities[category] === 'high') continue;
    severities[category] = atLeast(severities[category], gradeHit(hit, context));
  }
  return severities;
}
