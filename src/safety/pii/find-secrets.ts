import type { TextSpan } from './text-span.js';

/**
 * Credentials by their vendors' documented shapes. A match must also hold a digit and a letter, so that slugs and
 * placeholders ("sk-your-key-here-please-change") are left alone.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  // Anthropic (sk-ant-api03-…) before OpenAI's sk-, which would also match it.
  /\bsk-ant-[A-Za-z0-9_-]{20,}/g,
  /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g,
  /\bxai-[A-Za-z0-9_-]{20,}/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g,
  /\bhf_[A-Za-z0-9]{30,}\b/g,
  // JSON Web Tokens: header and payload are base64url JSON, so both start with "eyJ" ('{"').
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];
const PRIVATE_KEY =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=:\s-]*)/g;
/** `api_key: …`, `"client_secret": "…"`: only the value is a secret. */
const ASSIGNED_SECRET =
  /\b(?:api[_-]?key|apikey|secret[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?token)["']?\s*[:=]\s*["']?([A-Za-z0-9_\-./+=]{16,})/dgi;

const HAS_DIGIT = /\d/;
const HAS_LETTER = /[A-Za-z]/;

function looksRandom(value: string): boolean {
  return HAS_DIGIT.test(value) && HAS_LETTER.test(value);
}

export function findSecrets(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const pattern of SECRET_PATTERNS) {
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      if (looksRandom(found[0].slice(4))) spans.push({ start: found.index, end: found.index + found[0].length });
    }
  }
  if (text.includes('PRIVATE KEY')) {
    PRIVATE_KEY.lastIndex = 0;
    for (let found = PRIVATE_KEY.exec(text); found !== null; found = PRIVATE_KEY.exec(text)) {
      spans.push({ start: found.index, end: found.index + found[0].trimEnd().length });
    }
  }
  ASSIGNED_SECRET.lastIndex = 0;
  for (let found = ASSIGNED_SECRET.exec(text); found !== null; found = ASSIGNED_SECRET.exec(text)) {
    const value = found.indices?.[1];
    if (value !== undefined && looksRandom(found[1] ?? '')) spans.push({ start: value[0], end: value[1] });
  }
  return spans;
}
