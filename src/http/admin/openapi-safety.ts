import { HARM_CATEGORIES, PII_KINDS } from '../../spec/index.js';
import { name, nullableTime, ref, text, time, type Operations, type Schema } from './openapi-parts.js';

const threshold = {
  enum: ['off', 'low', 'medium', 'high'],
  description: 'The lowest severity filtered: low filters low, medium and high; off annotates only.',
};
const shieldAction = { enum: ['off', 'annotate', 'block'] };
const piiAction = { enum: ['off', 'annotate', 'redact', 'block'] };
const blocklistNames = {
  type: 'array',
  maxItems: 32,
  items: name,
  description: "Names of the project's blocklists (for a platform policy: of the calling project's).",
};
const thresholds = Object.fromEntries(HARM_CATEGORIES.map((category) => [category, threshold]));
const pii = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(PII_KINDS.map((kind) => [kind, piiAction])),
};
const promptProperties = {
  ...thresholds,
  jailbreak: { ...shieldAction, description: "Prompt shield for direct attacks in the user's messages." },
  indirect_attack: { ...shieldAction, description: 'Prompt shield for instructions hidden in documents and tools.' },
  blocklists: blocklistNames,
  pii: ref('PiiActions'),
};
const completionProperties = { ...thresholds, blocklists: blocklistNames, pii: ref('PiiActions') };
const builtinAnalyzer = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: { type: { const: 'builtin' } },
};
const modelAnalyzer = {
  type: 'object',
  required: ['type', 'deployment'],
  additionalProperties: false,
  properties: {
    type: { const: 'model' },
    deployment: name,
    project: { ...name, description: "The deployment's project; a project's own policy leaves it out." },
  },
};
const azureAnalyzer = (key: Record<string, Schema>, required: string[]) => ({
  type: 'object',
  required: ['type', 'endpoint', ...required],
  additionalProperties: false,
  properties: {
    type: { const: 'azure-content-safety' },
    endpoint: { ...text, description: 'https://<resource>.cognitiveservices.azure.com' },
    api_version: text,
    ...key,
  },
});
const severityResult = {
  type: 'object',
  required: ['filtered', 'severity'],
  properties: { filtered: { type: 'boolean' }, severity: { enum: ['safe', 'low', 'medium', 'high'] } },
};
const detectionResult = {
  type: 'object',
  required: ['filtered', 'detected'],
  properties: { filtered: { type: 'boolean' }, detected: { type: 'boolean' } },
};

/** Schemas of content-filter policies, blocklists and filter events. */
export const SAFETY_SCHEMAS: Record<string, Schema> = {
  PiiActions: { ...pii, description: 'What happens to each kind of personal data: off, annotate, redact or block.' },
  ContentFilterPolicyInput: {
    type: 'object',
    additionalProperties: false,
    description: "Every field may be left out: it then takes the built-in default policy's value.",
    properties: {
      name: { ...name, description: 'Absent, or the name in the path.' },
      description: { type: 'string', maxLength: 1024 },
      analyzer: {
        oneOf: [
          builtinAnalyzer,
          modelAnalyzer,
          azureAnalyzer(
            {
              api_key: {
                type: 'string',
                writeOnly: true,
                description: 'Encrypted at rest, never shown; absent keeps the stored key for the same endpoint.',
              },
            },
            [],
          ),
        ],
      },
      prompt: { type: 'object', additionalProperties: false, properties: promptProperties },
      completion: { type: 'object', additionalProperties: false, properties: completionProperties },
    },
  },
  ContentFilterPolicy: {
    type: 'object',
    required: [
      'object',
      'name',
      'scope',
      'description',
      'built_in',
      'analyzer',
      'prompt',
      'completion',
      'created_at',
      'updated_at',
    ],
    properties: {
      object: { const: 'content_filter_policy' },
      name: text,
      scope: { enum: ['platform', 'project'] },
      project: { ...text, description: 'The owning project; only on project policies.' },
      description: text,
      built_in: { type: 'boolean', description: 'The built-in default, not stored (created_at and updated_at null).' },
      analyzer: {
        oneOf: [builtinAnalyzer, modelAnalyzer, azureAnalyzer({ api_key_set: { type: 'boolean' } }, ['api_key_set'])],
      },
      prompt: {
        type: 'object',
        required: Object.keys(promptProperties),
        properties: promptProperties,
      },
      completion: {
        type: 'object',
        required: Object.keys(completionProperties),
        properties: completionProperties,
      },
      created_at: nullableTime,
      updated_at: nullableTime,
    },
  },
  BlocklistInput: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      name: { ...name, description: 'Absent, or the name in the path.' },
      description: { type: 'string', maxLength: 1024 },
      items: {
        type: 'array',
        maxItems: 10_000,
        items: {
          type: 'object',
          required: ['pattern'],
          additionalProperties: false,
          properties: {
            pattern: { type: 'string', minLength: 1, maxLength: 200 },
            regex: { type: 'boolean', default: false, description: 'A regular expression rather than a term.' },
          },
        },
      },
    },
  },
  Blocklist: {
    type: 'object',
    required: ['object', 'name', 'project', 'description', 'items', 'created_at', 'updated_at'],
    properties: {
      object: { const: 'content_blocklist' },
      name: text,
      project: text,
      description: text,
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['pattern', 'regex'],
          properties: { pattern: text, regex: { type: 'boolean' } },
        },
      },
      created_at: time,
      updated_at: time,
    },
  },
  ContentFilterResults: {
    type: 'object',
    description: "Azure's content filter annotations (content_filter_results), with Hangar's personal data result.",
    properties: {
      ...Object.fromEntries(HARM_CATEGORIES.map((category) => [category, severityResult])),
      jailbreak: detectionResult,
      indirect_attack: detectionResult,
      custom_blocklists: {
        type: 'object',
        required: ['filtered', 'details'],
        properties: {
          filtered: { type: 'boolean' },
          details: {
            type: 'array',
            items: {
              type: 'object',
              required: ['filtered', 'id'],
              properties: { filtered: { type: 'boolean' }, id: text },
            },
          },
        },
      },
      personally_identifiable_information: {
        type: 'object',
        required: ['filtered', 'detected', 'redacted', 'kinds'],
        properties: {
          filtered: { type: 'boolean' },
          detected: { type: 'boolean' },
          redacted: { type: 'boolean' },
          kinds: { type: 'array', items: { enum: [...PII_KINDS] } },
        },
      },
      error: { type: 'object', required: ['code', 'message'], properties: { code: text, message: text } },
    },
  },
  ContentFilterEvent: {
    type: 'object',
    required: ['object', 'id', 'at', 'project', 'deployment', 'stage', 'action', 'policy', 'results'],
    properties: {
      object: { const: 'content_filter_event' },
      id: text,
      at: time,
      project: text,
      deployment: text,
      deployment_id: text,
      request_id: text,
      stage: { enum: ['prompt', 'completion'] },
      action: { enum: ['blocked', 'redacted', 'annotated'] },
      policy: { ...text, description: 'The policy that applied.' },
      results: ref('ContentFilterResults'),
    },
  },
};

/** Content-filter policies (the platform's and each project's), project blocklists, and filtered requests. */
export const SAFETY_OPERATIONS: Operations = {
  '/admin/content-filters': {
    get: {
      access: 'signed-in',
      summary: 'Platform content-filter policies, the built-in default among them',
      responses: { '200': 'list:ContentFilterPolicy' },
    },
  },
  '/admin/content-filters/{name}': {
    get: { access: 'signed-in', summary: 'A platform policy', responses: { '200': 'ContentFilterPolicy' } },
    put: {
      access: 'platform-admin',
      summary: 'Create or replace a platform policy (default changes the policy of every deployment naming none)',
      body: 'ContentFilterPolicyInput',
      responses: { '200': 'ContentFilterPolicy' },
    },
    delete: {
      access: 'platform-admin',
      summary: 'Remove a platform policy no deployment depends on (default reverts to the built-in one)',
      responses: { '200': 'Deleted' },
    },
  },
  '/admin/projects/{project}/content-filters': {
    get: {
      access: { project: 'reader' },
      summary: "The project's own policies and the platform's, each with its scope",
      responses: { '200': 'list:ContentFilterPolicy' },
    },
  },
  '/admin/projects/{project}/content-filters/events': {
    get: {
      access: { project: 'reader' },
      summary: "The project's recent filtered requests with their annotations, newest first",
      query: ['limit', 'before'],
      responses: { '200': 'list:ContentFilterEvent' },
    },
  },
  '/admin/projects/{project}/content-filters/{name}': {
    get: {
      access: { project: 'reader' },
      summary: "The policy a name means for the project: its own, else the platform's",
      responses: { '200': 'ContentFilterPolicy' },
    },
    put: {
      access: { project: 'contributor' },
      summary: "Create or replace a project's own policy (it wins over a platform policy of that name)",
      body: 'ContentFilterPolicyInput',
      responses: { '200': 'ContentFilterPolicy' },
    },
    delete: {
      access: { project: 'contributor' },
      summary: "Remove a project's own policy no deployment depends on",
      responses: { '200': 'Deleted' },
    },
  },
  '/admin/projects/{project}/blocklists': {
    get: { access: { project: 'reader' }, summary: "A project's blocklists", responses: { '200': 'list:Blocklist' } },
  },
  '/admin/projects/{project}/blocklists/{name}': {
    get: { access: { project: 'reader' }, summary: 'A blocklist with its items', responses: { '200': 'Blocklist' } },
    put: {
      access: { project: 'contributor' },
      summary: 'Create or replace a blocklist: terms and regular expressions',
      body: 'BlocklistInput',
      responses: { '200': 'Blocklist' },
    },
    delete: {
      access: { project: 'contributor' },
      summary: "Remove a blocklist none of the project's policies names",
      responses: { '200': 'Deleted' },
    },
  },
};
