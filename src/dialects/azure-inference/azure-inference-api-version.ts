import { GatewayError } from '../../spec/index.js';

export type AzureInferenceApiVersion = '2024-04-01-preview' | '2024-05-01-preview' | '2025-04-01';

const API_VERSIONS: readonly AzureInferenceApiVersion[] = ['2024-04-01-preview', '2024-05-01-preview', '2025-04-01'];

/**
 * `api-version` is required; an unknown one is a plain 404, as Azure answers it. The official SDK
 * always appends one (default 2024-05-01-preview), so a missing one is a hand-written call's mistake.
 */
export function readAzureInferenceApiVersion(query: Record<string, string | undefined>): AzureInferenceApiVersion {
  const version = query['api-version'];
  if (version === undefined || version === '') {
    throw new GatewayError(
      'invalid_request',
      "The 'api-version' query parameter is required, for example '?api-version=2025-04-01'.",
      { param: 'api-version' },
    );
  }
  if ((API_VERSIONS as readonly string[]).includes(version)) return version as AzureInferenceApiVersion;
  throw new GatewayError('unsupported_api_version', `The api-version '${version}' is not supported.`, {
    param: 'api-version',
  });
}

/** 2025-04-01 added `reasoning_content`; older versions carry reasoning inline between `<think>` tags. */
export function reasoningStyleFor(query: Record<string, string | undefined>): 'reasoning-content' | 'think-tags' {
  return query['api-version'] === '2025-04-01' ? 'reasoning-content' : 'think-tags';
}
