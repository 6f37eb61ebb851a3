import { GatewayError } from '../../spec/index.js';
import type { CallContext, JsonValue } from '../../spec/index.js';
import type { LocalChatSettings } from './local-chat-settings.js';

/** `keep_alive` is Ollama's per-request model lifetime: the host's setting, read before the engine runs. */
const HOST_KEYS: ReadonlySet<string> = new Set(['keep_alive']);

/**
 * llama.cpp server's sampling parameters that OpenAI's API lacks, taken from the request's extra
 * parameters with llama-server's names. Anything else in `extra` is unknown here: the call's policy refuses
 * it (400 naming it) or drops it with a warning, since a local model has no upstream to pass it on to.
 */
export function readLocalExtra(
  extra: Record<string, JsonValue>,
  settings: LocalChatSettings,
  policy: CallContext['unknownParameters'],
): void {
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(extra)) {
    switch (key) {
      case 'top_k':
        settings.topK = readNumber(key, value, { integer: true, min: 0 });
        break;
      case 'min_p':
        settings.minP = readNumber(key, value, { min: 0, max: 1 });
        break;
      case 'repeat_penalty':
        settings.repeatPenalty = readNumber(key, value, { exclusiveMin: 0 });
        break;
      default:
        if (!HOST_KEYS.has(key)) unknown.push(key);
    }
  }
  if (unknown.length === 0) return;
  if (policy === 'error') {
    const plural = unknown.length > 1;
    throw new GatewayError(
      'unknown_parameter',
      `Unknown parameter${plural ? 's' : ''} for a local model: ${unknown.join(', ')}. Remove ${plural ? 'them' : 'it'}.`,
      { param: unknown[0] },
    );
  }
  for (const key of unknown) {
    settings.warnings.push({ type: 'dropped', param: key, detail: 'not a parameter local models take.' });
  }
}

interface NumberRule {
  integer?: boolean;
  min?: number;
  exclusiveMin?: number;
  max?: number;
}

function readNumber(param: string, value: JsonValue, rule: NumberRule): number {
  const kind = rule.integer === true ? 'an integer' : 'a number';
  const fail = (problem: string) => new GatewayError('invalid_request', `'${param}' ${problem}`, { param });
  if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`must be ${kind}.`);
  if (rule.integer === true && !Number.isInteger(value)) throw fail(`must be ${kind}, got ${value}.`);
  if (rule.min !== undefined && value < rule.min) throw fail(`must be at least ${rule.min}, got ${value}.`);
  if (rule.exclusiveMin !== undefined && value <= rule.exclusiveMin) {
    throw fail(`must be greater than ${rule.exclusiveMin}, got ${value}.`);
  }
  if (rule.max !== undefined && value > rule.max) throw fail(`must be at most ${rule.max}, got ${value}.`);
  return value;
}
