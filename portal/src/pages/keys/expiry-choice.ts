/** The expiry presets of the create form; `custom` reads a date and time. */
export const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never', days: null },
  { value: '7d', label: 'In 7 days', days: 7 },
  { value: '30d', label: 'In 30 days', days: 30 },
  { value: '90d', label: 'In 90 days', days: 90 },
  { value: '365d', label: 'In a year', days: 365 },
  { value: 'custom', label: 'On a date…', days: null },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

const DAY_MS = 86_400_000;

/**
 * The `expires_at` to send: undefined for never, an ISO time otherwise; a string is a problem to show. `custom`
 * is a `datetime-local` value, read in the browser's time zone as the person typed it.
 */
export function expiryFor(choice: ExpiryChoice, custom: string, now: number): string | undefined | { problem: string } {
  if (choice === 'never') return undefined;
  if (choice === 'custom') {
    const time = custom === '' ? Number.NaN : new Date(custom).getTime();
    if (Number.isNaN(time)) return { problem: 'Pick the date and time the key stops working.' };
    if (time <= now) return { problem: 'The expiry must be in the future.' };
    return new Date(time).toISOString();
  }
  const days = EXPIRY_CHOICES.find((entry) => entry.value === choice)?.days ?? 0;
  return new Date(now + days * DAY_MS).toISOString();
}
