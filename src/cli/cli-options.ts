import type { ParseArgsConfig } from 'node:util';

/** Every option any command takes; each command lists the ones that apply to it. */
export const CLI_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  'admin-key': { type: 'string' },
  config: { type: 'string', short: 'c' },
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  name: { type: 'string' },
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'api-version': { type: 'string' },
  'timeout-ms': { type: 'string' },
  project: { type: 'string' },
  model: { type: 'string' },
  backend: { type: 'string', multiple: true },
  value: { type: 'string' },
  sha256: { type: 'string' },
  link: { type: 'boolean' },
  'expires-at': { type: 'string' },
  vendor: { type: 'string' },
  capability: { type: 'string' },
  'max-input-price': { type: 'string' },
  tpm: { type: 'string' },
  deployment: { type: 'string', multiple: true },
  rpm: { type: 'string' },
  type: { type: 'string' },
  'content-filter': { type: 'string' },
  'version-upgrade': { type: 'string' },
  'capacity-tpm': { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  scope: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  routing: { type: 'string' },
  'platform-admin': { type: 'string' },
  disabled: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'group-by': { type: 'string' },
  csv: { type: 'boolean' },
  key: { type: 'string' },
  id: { type: 'string' },
  'limit-usd': { type: 'string' },
  'hard-limit': { type: 'string' },
  thresholds: { type: 'string' },
  'webhook-url': { type: 'string' },
  'webhook-secret': { type: 'string' },
  month: { type: 'string' },
  format: { type: 'string' },
  'input-price': { type: 'string' },
  'cached-input-price': { type: 'string' },
  'cache-write-input-price': { type: 'string' },
  'output-price': { type: 'string' },
  'reasoning-price': { type: 'string' },
  'discount-percent': { type: 'string' },
  'effective-from': { type: 'string' },
  'effective-to': { type: 'string' },
  window: { type: 'string' },
  file: { type: 'string' },
  body: { type: 'string' },
  term: { type: 'string', multiple: true },
  regex: { type: 'string', multiple: true },
  description: { type: 'string' },
  limit: { type: 'string' },
  analyzer: { type: 'string' },
  threshold: { type: 'string' },
  endpoint: { type: 'string' },
  concurrency: { type: 'string' },
  set: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export type OptionName = keyof typeof CLI_OPTIONS;

export interface OptionValues {
  help?: boolean;
  json?: boolean;
  url?: string;
  'admin-key'?: string;
  config?: string;
  port?: string;
  host?: string;
  'data-dir'?: string;
  name?: string;
  provider?: string;
  'base-url'?: string;
  'api-key'?: string;
  'api-version'?: string;
  'timeout-ms'?: string;
  project?: string;
  model?: string;
  backend?: string[];
  value?: string;
  sha256?: string;
  link?: boolean;
  'expires-at'?: string;
  vendor?: string;
  capability?: string;
  'max-input-price'?: string;
  tpm?: string;
  deployment?: string[];
  rpm?: string;
  type?: string;
  'content-filter'?: string;
  'version-upgrade'?: string;
  'capacity-tpm'?: string;
  email?: string;
  role?: string;
  scope?: string;
  'password-stdin'?: boolean;
  routing?: string;
  'platform-admin'?: string;
  disabled?: string;
  from?: string;
  to?: string;
  'group-by'?: string;
  csv?: boolean;
  key?: string;
  id?: string;
  'limit-usd'?: string;
  'hard-limit'?: string;
  thresholds?: string;
  'webhook-url'?: string;
  'webhook-secret'?: string;
  month?: string;
  format?: string;
  'input-price'?: string;
  'cached-input-price'?: string;
  'cache-write-input-price'?: string;
  'output-price'?: string;
  'reasoning-price'?: string;
  'discount-percent'?: string;
  'effective-from'?: string;
  'effective-to'?: string;
  window?: string;
  file?: string;
  body?: string;
  term?: string[];
  regex?: string[];
  description?: string;
  limit?: string;
  analyzer?: string;
  threshold?: string;
  endpoint?: string;
  concurrency?: string;
  set?: string;
}

/** Options of every command that talks to a running Hangar. */
export const CLIENT_OPTIONS: readonly OptionName[] = ['url', 'admin-key', 'data-dir', 'json'];
