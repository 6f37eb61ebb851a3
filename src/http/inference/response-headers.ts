import { describeWarning, type SettingWarning } from '../../spec/index.js';

/**
 * Settings a backend could not honour are never dropped silently: each one is named in this header.
 * Values are joined with "; " and kept to ASCII so every HTTP stack accepts them.
 */
export const WARNINGS_HEADER = 'x-hangar-warnings';

export function warningsHeaderValue(warnings: readonly SettingWarning[]): string | undefined {
  if (warnings.length === 0) return undefined;
  return warnings
    .map(describeWarning)
    .join('; ')
    .replace(/[^\x20-\x7e]/g, '?');
}
