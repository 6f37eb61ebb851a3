import type { JsonObject } from '../../spec/index.js';
import type { ContentFilterPolicy } from './content-filter-policy.js';
import { policySettingsWire } from './content-filter-policy-wire.js';

/** A policy with what the admin API shows beside it. */
export interface PolicyView {
  policy: ContentFilterPolicy;
  /** The owning project's name; absent for platform policies. */
  projectName?: string;
  /** The built-in `default`, which is not stored. */
  builtIn: boolean;
  /** An Azure AI Content Safety key is stored (it is never shown). */
  apiKeySet: boolean;
  /** Unix ms; null for the built-in default. */
  createdAt: number | null;
  updatedAt: number | null;
}

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** The admin API's view of a policy. The Azure key is never shown: `api_key_set` says whether one is stored. */
export function renderContentFilterPolicy(view: PolicyView): JsonObject {
  const { policy } = view;
  const settings = policySettingsWire(policy);
  const analyzer: JsonObject = {
    ...(settings.analyzer as JsonObject),
    ...(policy.analyzer.type === 'azure-content-safety' ? { api_key_set: view.apiKeySet } : {}),
  };
  return {
    object: 'content_filter_policy',
    name: policy.name,
    scope: policy.projectId === null ? 'platform' : 'project',
    ...(view.projectName === undefined ? {} : { project: view.projectName }),
    description: policy.description,
    built_in: view.builtIn,
    ...settings,
    analyzer,
    created_at: iso(view.createdAt),
    updated_at: iso(view.updatedAt),
  };
}
