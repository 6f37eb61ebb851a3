import { GatewayError } from '../../spec/index.js';
import type { InboundRequest } from '../dialect.js';

/** GA versions of the deployment API (api-version-lifecycle). */
const GA_VERSIONS: ReadonlySet<string> = new Set([
  '2022-12-01',
  '2023-05-15',
  '2024-02-01',
  '2024-06-01',
  '2024-10-21',
]);
/** The `/openai/v1` API takes `v1` or `preview`; `AzureOpenAI` on a v1 base sends `preview` on deployment paths too. */
const V1_VERSIONS: ReadonlySet<string> = new Set(['v1', 'preview']);
const PREVIEW_PATTERN = /^(\d{4})-(\d{2})-(\d{2})-preview$/;

/**
 * Deployment routes require a known `api-version`; `/openai/v1` routes accept `v1`, `preview` or none.
 * Azure answers an unknown or missing version with a plain 404, and so does Hangar.
 */
export function checkAzureOpenAiApiVersion(input: InboundRequest): void {
  const version = input.query['api-version'];
  if (version === undefined || version === '') {
    if (input.pathDeployment === undefined) return;
    throw new GatewayError(
      'unsupported_api_version',
      "The 'api-version' query parameter is required on Azure OpenAI deployment routes.",
      { param: 'api-version' },
    );
  }
  if (GA_VERSIONS.has(version) || V1_VERSIONS.has(version) || isPreviewVersion(version)) return;
  throw new GatewayError('unsupported_api_version', `The api-version '${version}' is not supported.`, {
    param: 'api-version',
  });
}

function isPreviewVersion(version: string): boolean {
  const match = PREVIEW_PATTERN.exec(version);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return year >= 2023 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
