import type { CompletionFilterSettings } from './content-filter-policy.js';

/**
 * Whether the completion side of a policy can change what the client receives: refuse a category, match a
 * blocklist, redact or refuse personal data. When it cannot, a stream is passed through as generated, without
 * the window's delay or annotations, which is how an operator turns output filtering off (Azure's managed compute).
 */
export function completionCanAct(settings: CompletionFilterSettings): boolean {
  if (Object.values(settings.thresholds).some((threshold) => threshold !== 'off')) return true;
  if (settings.blocklists.length > 0) return true;
  return Object.values(settings.pii).some((action) => action === 'redact' || action === 'block');
}
