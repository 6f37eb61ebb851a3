const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(-?\d+(?:\.\d+)?)(ms|s|m|h)?$/;

/**
 * A keep-alive as Ollama spells it: a duration (`"10m"`, `"1h"`, `"90s"`, `"250ms"`), or a number of seconds
 * (as a number or a digit string). Returns milliseconds, -1 for any negative value (meaning "forever"), or
 * undefined when the value is not a duration at all.
 */
export function parseKeepAliveMs(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return value < 0 ? -1 : Math.round(value * 1000);
  }
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value.trim());
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS;
  return amount < 0 ? -1 : Math.round(amount * UNIT_MS[unit]);
}

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `"8GiB"`, `"512 MB"`, `"1.5gib"` or a plain number of bytes; undefined when it is none of these. */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  if (match === null) return undefined;
  const unit = BYTE_UNITS[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes > 0 ? bytes : undefined;
}
