/**
 * The budget form's values as typed, checked and turned into the API's body (BudgetInput / BudgetUpdate). The
 * checks mirror the API's so most mistakes are named beside their field before anything is sent.
 */
import type { Budget } from './usage-types';

export interface BudgetDraft {
  /** A key's name, or '' for the whole project. */
  key: string;
  limitUsd: string;
  hardLimit: boolean;
  thresholds: string;
  webhookUrl: string;
  /** Blank: none (create) or keep the current one (edit). */
  webhookSecret: string;
  removeSecret: boolean;
}

export type BudgetField = 'key' | 'limitUsd' | 'thresholds' | 'webhookUrl' | 'webhookSecret';
export type BudgetErrors = Partial<Record<BudgetField, string>>;

export function emptyDraft(): BudgetDraft {
  return {
    key: '',
    limitUsd: '',
    hardLimit: true,
    thresholds: '50, 80, 100',
    webhookUrl: '',
    webhookSecret: '',
    removeSecret: false,
  };
}

export function draftOf(budget: Budget): BudgetDraft {
  return {
    key: budget.key ?? '',
    limitUsd: usdText(budget.monthly_limit_micro_usd),
    hardLimit: budget.hard_limit,
    thresholds: budget.alert_thresholds.join(', '),
    webhookUrl: budget.webhook_url ?? '',
    webhookSecret: '',
    removeSecret: false,
  };
}

/** Micro-dollars as the plain decimal a person would type back: 25000000 → `25`, 1500000 → `1.5`. */
export function usdText(microUsd: number): string {
  const whole = Math.floor(microUsd / 1_000_000);
  const fraction = String(microUsd % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

const USD = /^\s*\$?\s*(\d{1,10})(?:\.(\d{0,6}))?\s*$/;

/** `12.50` → 12500000 micro-dollars, exactly (no float arithmetic); undefined when it is not an amount. */
export function parseUsd(text: string): number | undefined {
  const match = USD.exec(text.replace(/,/g, ''));
  if (match === null) return undefined;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

/** `50, 80 100` → [50, 80, 100] (sorted, without repeats); a string says what is wrong. */
export function parseThresholds(text: string): number[] | string {
  const parts = text.split(/[\s,;%]+/).filter((part) => part !== '');
  const values: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part) || Number(part) < 1 || Number(part) > 1000) {
      return `'${part}' is not a whole percent between 1 and 1000.`;
    }
    values.push(Number(part));
  }
  const unique = [...new Set(values)].sort((left, right) => left - right);
  if (unique.length > 10) return 'At most 10 thresholds.';
  return unique;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The errors to show beside the fields, and the body when there are none. */
export function checkDraft(
  draft: BudgetDraft,
  editing: Budget | undefined,
): { errors: BudgetErrors; body?: Record<string, unknown> } {
  const errors: BudgetErrors = {};
  const limit = parseUsd(draft.limitUsd);
  if (draft.limitUsd.trim() === '') errors.limitUsd = 'Enter the monthly limit in US dollars.';
  else if (limit === undefined)
    errors.limitUsd = 'Write the limit as dollars, such as 25 or 12.50 (at most 6 decimals).';
  else if (limit < 1) errors.limitUsd = 'The limit must be more than $0.';
  else if (limit > 1e15) errors.limitUsd = 'The limit can be at most $1,000,000,000.';
  const thresholds = parseThresholds(draft.thresholds);
  if (typeof thresholds === 'string') errors.thresholds = thresholds;
  const webhookUrl = draft.webhookUrl.trim();
  if (webhookUrl !== '' && !isHttpUrl(webhookUrl)) errors.webhookUrl = 'Enter an http(s) URL, or leave it blank.';
  const secret = draft.webhookSecret;
  if (secret !== '' && (secret.length < 16 || secret.length > 512)) {
    errors.webhookSecret = 'The secret needs 16 to 512 characters.';
  }
  if (Object.keys(errors).length > 0 || limit === undefined || typeof thresholds === 'string') return { errors };

  const body: Record<string, unknown> = {
    monthly_limit_micro_usd: limit,
    hard_limit: draft.hardLimit,
    alert_thresholds: thresholds,
  };
  if (editing === undefined) {
    if (draft.key !== '') body.key = draft.key;
    if (webhookUrl !== '') body.webhook_url = webhookUrl;
    if (secret !== '') body.webhook_secret = secret;
  } else {
    // An update leaves absent fields alone: the URL is always sent (null clears it), the secret only when changed.
    body.webhook_url = webhookUrl === '' ? null : webhookUrl;
    if (draft.removeSecret) body.webhook_secret = null;
    else if (secret !== '') body.webhook_secret = secret;
  }
  return { errors, body };
}

/** The field an API error names (its `param`), so its message sits beside that field. */
export function fieldOfParam(param: string | undefined): BudgetField | undefined {
  if (param === undefined) return undefined;
  if (param.startsWith('monthly_limit_micro_usd')) return 'limitUsd';
  if (param.startsWith('alert_thresholds')) return 'thresholds';
  if (param.startsWith('webhook_url')) return 'webhookUrl';
  if (param.startsWith('webhook_secret')) return 'webhookSecret';
  if (param.startsWith('key')) return 'key';
  return undefined;
}
