import { safeParseJson } from '../../../kit/index.js';
import { GatewayError, isJsonObject, SEVERITIES } from '../../../spec/index.js';
import type { HarmCategory, JsonValue, Severity } from '../../../spec/index.js';
import type { CategorySeverities } from '../analyzer.js';
import { allSafe } from '../grade-in-chunks.js';
import { LLAMA_GUARD_HAZARDS } from './llama-guard-hazards.js';

/** What a classification model said about one text. */
export interface ClassificationReply {
  /** Undefined when the reply graded no category (an answer to a shield prompt). */
  severities: CategorySeverities | undefined;
  /** Whether the text is a prompt attack; undefined when the reply did not say. */
  attack: boolean | undefined;
}

/**
 * Reads a classification model's reply in either form the prompts allow:
 *
 * - Llama Guard's `safe`, or `unsafe` and a line of hazard codes (`S1,S10`). Llama Guard gives no severity, so each
 *   category its codes raise is `high` and the others `safe`. It has no prompt-attack category either, so an
 *   `unsafe` verdict on a shield prompt counts as an attack: a text that makes Llama Guard object is what a
 *   shield exists to stop, and a `safe` one is let through.
 * - A JSON object `{"hate":"safe|low|medium|high", "sexual", "violence", "self_harm", "jailbreak": bool}` or
 *   `{"attack": bool}`, bare, in a Markdown fence, or among prose. Categories left out are `safe`.
 *
 * Anything else throws: the caller annotates the filter's `error` rather than guess. The message never quotes
 * the reply, which may echo the text under review.
 */
export function parseClassificationReply(reply: string): ClassificationReply {
  const trimmed = reply.trim();
  const verdict = readLlamaGuardVerdict(trimmed);
  if (verdict !== undefined) return verdict;
  const object = readJsonObject(trimmed);
  if (object === undefined) {
    throw unreadable(
      `answered with ${trimmed.length} characters that are neither a Llama Guard verdict nor a JSON object`,
    );
  }
  return readJsonGrade(object);
}

function readLlamaGuardVerdict(reply: string): ClassificationReply | undefined {
  const match = /^(safe|unsafe)\b([\s\S]*)$/iu.exec(reply);
  if (match === null) return undefined;
  const [, word = '', rest = ''] = match;
  if (word.toLowerCase() === 'safe') {
    return rest.trim() === '' ? { severities: allSafe(), attack: false } : undefined;
  }
  if (!/^[\s,:]*S\d{1,2}(?:[\s,]+S\d{1,2})*[\s,]*$/iu.test(rest)) {
    if (rest.trim() === '') throw unreadable('answered "unsafe" without the hazard codes Llama Guard gives');
    return undefined;
  }
  const severities = allSafe();
  for (const code of rest.match(/S\d{1,2}/giu) ?? []) {
    const category = LLAMA_GUARD_HAZARDS[code.toUpperCase()];
    if (category !== undefined) severities[category] = 'high';
  }
  return { severities, attack: true };
}

function readJsonObject(reply: string): Record<string, JsonValue> | undefined {
  const fenced = /```[a-z]*\s*([\s\S]*?)```/iu.exec(reply);
  const body = fenced?.[1] ?? reply;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  const parsed = safeParseJson(body.slice(start, end + 1));
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : undefined;
}

/** Keys compared without case and punctuation, so `self_harm`, `self-harm` and `selfHarm` all count. */
const CATEGORY_KEYS: Readonly<Record<string, HarmCategory>> = {
  hate: 'hate',
  sexual: 'sexual',
  violence: 'violence',
  selfharm: 'self_harm',
};
const ATTACK_KEYS = new Set(['attack', 'jailbreak', 'indirectattack', 'promptattack']);

function readJsonGrade(object: Record<string, JsonValue>): ClassificationReply {
  let severities: CategorySeverities | undefined;
  let attack: boolean | undefined;
  for (const [key, value] of Object.entries(object)) {
    const name = key.toLowerCase().replace(/[^a-z]/gu, '');
    const category = CATEGORY_KEYS[name];
    if (category !== undefined) {
      severities ??= allSafe();
      severities[category] = readSeverity(key, value);
    } else if (ATTACK_KEYS.has(name)) {
      attack = readFlag(key, value);
    }
  }
  if (severities === undefined && attack === undefined) {
    throw unreadable('answered with a JSON object that has no category severity and no attack flag');
  }
  return { severities, attack };
}

function readSeverity(key: string, value: JsonValue): Severity {
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'none') return 'safe';
    const severity = SEVERITIES.find((known) => known === word);
    if (severity !== undefined) return severity;
  }
  // Azure's numeric scales (0, 2, 4, 6, or 0 to 7), which a model that knows Azure may answer with.
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 7) {
    return value < 2 ? 'safe' : value < 4 ? 'low' : value < 6 ? 'medium' : 'high';
  }
  throw unreadable(`graded "${key}" with a value that is not safe, low, medium or high`);
}

function readFlag(key: string, value: JsonValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true' || word === 'yes') return true;
    if (word === 'false' || word === 'no') return false;
  }
  throw unreadable(`answered "${key}" with a value that is not true or false`);
}

function unreadable(what: string): GatewayError {
  return new GatewayError('upstream_error', `The classification model ${what}.`);
}
