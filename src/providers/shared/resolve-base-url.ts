import { GatewayError } from '../../spec/index.js';
import type { Connection } from '../../spec/index.js';

/**
 * The connection's base URL, else the provider's default, without a trailing slash. A provider with no
 * default (a generic OpenAI-compatible server, Azure) cannot guess where the upstream lives, so the
 * connection must say.
 */
export function resolveBaseUrl(connection: Connection, defaultBaseUrl: string | undefined): string {
  const baseUrl = connection.baseUrl.trim() === '' ? defaultBaseUrl : connection.baseUrl.trim();
  if (baseUrl === undefined || baseUrl === '') {
    throw new GatewayError(
      'internal_error',
      `The connection "${connection.name}" (provider ${connection.provider}) has no base_url, and this provider has no default; ` +
        'the operator must set base_url on the connection (for example http://127.0.0.1:8000/v1).',
    );
  }
  return baseUrl.replace(/\/+$/, '');
}
