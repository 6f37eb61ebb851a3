import { safeParseJson } from '../../kit/index.js';
import type { ContentFilterPolicyRecord, SecretBox } from '../../store/index.js';
import type { ContentFilterPolicy } from './content-filter-policy.js';
import { parsePolicyInput, type ParsedPolicyInput } from './content-filter-policy-wire.js';

/**
 * A stored policy as the request path uses it, with its Azure key decrypted. A definition this version cannot read,
 * or a key no secret opens, throws with the policy's name: like a connection's credentials, it stops a start.
 * Without a secret box (admin views, which never show the key) the key is left empty.
 */
export function readStoredPolicy(record: ContentFilterPolicyRecord, secretBox: SecretBox | null): ContentFilterPolicy {
  const where = record.projectId === null ? `platform` : `project ${record.projectId}`;
  const fail = (problem: string, cause?: unknown): never => {
    throw new Error(`Content-filter policy '${record.name}' (${where}): ${problem}`, { cause });
  };
  const json = safeParseJson(record.definition);
  if (!json.ok) return fail('its stored definition is not JSON.', json.error);
  const parsed = parseStored(json.value, fail);
  let apiKey = '';
  if (record.apiKeyCiphertext !== null && secretBox !== null) {
    try {
      apiKey = secretBox.decrypt(record.apiKeyCiphertext);
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error), error);
    }
  }
  const analyzer = parsed.analyzer;
  return {
    name: record.name,
    projectId: record.projectId,
    description: record.description,
    analyzer:
      analyzer.type === 'azure-content-safety'
        ? {
            type: 'azure-content-safety',
            endpoint: analyzer.endpoint,
            apiKey,
            ...(analyzer.apiVersion === undefined ? {} : { apiVersion: analyzer.apiVersion }),
          }
        : analyzer,
    prompt: parsed.prompt,
    completion: parsed.completion,
  };
}

function parseStored(definition: unknown, fail: (problem: string, cause?: unknown) => never): ParsedPolicyInput {
  try {
    return parsePolicyInput(definition);
  } catch (error) {
    return fail(`its stored definition is not one this Hangar version reads: ${String(error)}`, error);
  }
}
