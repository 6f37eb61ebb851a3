import { PII_KINDS, type PiiKind } from '../../spec/index.js';
import type { ContentFilterPolicy, PiiAction } from './content-filter-policy.js';

/** The policy of every deployment that names none, and of one whose policy was removed. */
export const DEFAULT_POLICY_NAME = 'default';

/**
 * Azure's default configuration (Microsoft Learn, "Content filtering", default content filtering configuration):
 * the four categories filtered from medium severity on prompts and completions, the prompt shield for jailbreak
 * attempts on, indirect attacks annotated only. No blocklists, and personal data left alone: those are choices
 * a project makes. It exists without being stored; a platform admin may store a `default` to change it.
 */
export function builtInDefaultPolicy(): ContentFilterPolicy {
  const medium = { hate: 'medium', sexual: 'medium', violence: 'medium', self_harm: 'medium' } as const;
  const piiOff = Object.fromEntries(PII_KINDS.map((kind) => [kind, 'off'])) as Record<PiiKind, PiiAction>;
  return {
    name: DEFAULT_POLICY_NAME,
    projectId: null,
    description: "Azure's default: medium thresholds for the four categories, jailbreak attempts blocked.",
    analyzer: { type: 'builtin' },
    prompt: {
      thresholds: { ...medium },
      jailbreak: 'block',
      indirectAttack: 'annotate',
      blocklists: [],
      pii: { ...piiOff },
    },
    completion: { thresholds: { ...medium }, blocklists: [], pii: { ...piiOff } },
  };
}
