import { CATEGORY_TITLES, HARM_CATEGORIES, type FilterResults, type PiiKind } from './safety-types';

export interface Finding {
  text: string;
  /** The finding refused or redacted the text (not only annotated it). */
  filtered: boolean;
}

export interface ResultsInWords {
  /** What was found, worst first in the order the API lists categories, shields, blocklists, personal data. */
  findings: Finding[];
  /** What was checked and found clean, in one line ("Safe: hate, sexual"). */
  clean: string;
}

const SHIELD_NAMES = { jailbreak: 'Jailbreak', indirect_attack: 'Indirect attack' } as const;
const PII_NOUNS: Record<PiiKind, string> = {
  email: 'email address',
  phone: 'phone number',
  payment_card: 'payment card',
  iban: 'IBAN',
  national_id: 'national id',
  secret: 'secret',
};

/** Azure's annotations in words: `Violence: high, filtered`; clean categories and shields summed up in one line. */
export function describeResults(results: FilterResults): ResultsInWords {
  const findings: Finding[] = [];
  const safe: string[] = [];
  for (const category of HARM_CATEGORIES) {
    const result = results[category];
    if (result === undefined) continue;
    if (result.severity === 'safe' && !result.filtered) safe.push(CATEGORY_TITLES[category].toLowerCase());
    else {
      findings.push({
        text: `${CATEGORY_TITLES[category]}: ${result.severity}, ${result.filtered ? 'filtered' : 'not filtered'}`,
        filtered: result.filtered,
      });
    }
  }
  const undetected: string[] = [];
  for (const shield of ['jailbreak', 'indirect_attack'] as const) {
    const result = results[shield];
    if (result === undefined) continue;
    if (!result.detected && !result.filtered) undetected.push(SHIELD_NAMES[shield].toLowerCase());
    else {
      findings.push({
        text: `${SHIELD_NAMES[shield]}: detected, ${result.filtered ? 'filtered' : 'not filtered'}`,
        filtered: result.filtered,
      });
    }
  }
  for (const detail of results.custom_blocklists?.details ?? []) {
    findings.push({
      text: `Blocklist ${detail.id}: matched, ${detail.filtered ? 'filtered' : 'not filtered'}`,
      filtered: detail.filtered,
    });
  }
  const pii = results.personally_identifiable_information;
  if (pii !== undefined && (pii.detected || pii.filtered || pii.redacted)) {
    // A kind this portal does not know yet (a newer server) is shown as the API names it.
    const kinds = pii.kinds.map((kind) => (PII_NOUNS as Record<string, string>)[kind] ?? kind).join(', ');
    const what = pii.filtered ? 'filtered' : pii.redacted ? 'redacted' : 'annotated only';
    findings.push({
      text: `Personal data (${kinds || 'unspecified'}): ${what}`,
      filtered: pii.filtered || pii.redacted,
    });
  }
  if (results.error !== undefined) {
    findings.push({ text: `Analyzer failed (${results.error.code}): ${results.error.message}`, filtered: false });
  }
  const clean = [
    safe.length === 0 ? '' : `Safe: ${safe.join(', ')}`,
    undetected.length === 0 ? '' : `no ${undetected.join(' or ')} detected`,
  ]
    .filter((part) => part !== '')
    .join('; ');
  return { findings, clean };
}
