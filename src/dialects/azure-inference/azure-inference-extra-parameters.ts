import { GatewayError } from '../../spec/index.js';
import type { JsonValue } from '../../spec/index.js';
import { headerValue } from '../shared/header-value.js';
import { invalidParameter } from '../validation/index.js';

export type ExtraParametersMode = 'error' | 'drop' | 'pass-through';

const MODES: Readonly<Record<string, ExtraParametersMode>> = {
  error: 'error',
  drop: 'drop',
  'pass-through': 'pass-through',
  // Earlier spelling of pass-through, still accepted by the service.
  allow: 'pass-through',
};
/** The header before `extra-parameters` existed (api-contracts §4.4). */
const LEGACY_MODES: Readonly<Record<string, ExtraParametersMode>> = {
  error: 'error',
  ignore: 'drop',
  allow: 'pass-through',
};

/** `extra-parameters` (or the legacy `unknown-parameters`) header; `error` when neither is sent. */
export function readExtraParametersMode(headers: Record<string, string | string[] | undefined>): ExtraParametersMode {
  const value = headerValue(headers, 'extra-parameters');
  if (value !== undefined) {
    const mode = MODES[value.toLowerCase()];
    if (mode === undefined) {
      throw invalidParameter('extra-parameters', `must be 'error', 'drop' or 'pass-through', got '${value}'.`);
    }
    return mode;
  }
  const legacy = headerValue(headers, 'unknown-parameters');
  if (legacy === undefined) return 'error';
  const mode = LEGACY_MODES[legacy.toLowerCase()];
  if (mode === undefined) {
    throw invalidParameter('unknown-parameters', `must be 'error', 'ignore' or 'allow', got '${legacy}'.`);
  }
  return mode;
}

/**
 * Applies the mode to the parameters the schema does not know: `error` refuses them by name (Azure's
 * wording), `drop` removes them, `pass-through` keeps them for the model.
 */
export function applyExtraParameters(
  extra: Record<string, JsonValue>,
  mode: ExtraParametersMode,
): Record<string, JsonValue> {
  const keys = Object.keys(extra);
  if (keys.length === 0 || mode === 'pass-through') return extra;
  if (mode === 'drop') return {};
  const listed = keys.map((key) => `'${key}'`).join(', ');
  throw new GatewayError(
    'unknown_parameter',
    `Extra parameters [${listed}] are not allowed when extra-parameters is not set or set to be 'error'. Set extra-parameters to 'pass-through' to pass to the model, or 'drop' to ignore them.`,
    { param: keys[0] },
  );
}
