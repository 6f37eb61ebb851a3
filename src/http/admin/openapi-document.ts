/**
 * The admin API as an OpenAPI 3.1 document, served at `/openapi.json`. Written by hand, next to the routes;
 * `openapi-document.test.ts` registers the real routes and fails when a route and this document disagree.
 */
import { DEPLOYMENT_TYPE_OPTIONS, VERSION_UPGRADE_OPTIONS } from '../../spec/index.js';
import type { AdminAccess } from './admin-access.js';
import { ACCESS_OPERATIONS, ACCESS_SCHEMAS } from './openapi-access.js';
import { ENGINE_AND_CATALOG_SCHEMAS } from './openapi-engine-catalog.js';
import { USAGE_OPERATIONS, USAGE_SCHEMAS } from './openapi-usage.js';
import { BUDGET_OPERATIONS, BUDGET_SCHEMAS } from './openapi-budgets.js';
import { BILLING_OPERATIONS, BILLING_SCHEMAS } from './openapi-billing.js';
import { SLO_OPERATIONS, SLO_SCHEMAS } from './openapi-slo.js';
import { SAFETY_OPERATIONS, SAFETY_SCHEMAS } from './openapi-safety.js';
import { ROUTING_OPERATIONS, ROUTING_SCHEMAS, routingInputSchema } from './openapi-routing.js';
import {
  list,
  name,
  nullableText,
  nullableTime,
  ref,
  text,
  time,
  type Operations,
  type Schema,
} from './openapi-parts.js';

/** What a deployment's POST and PATCH share. */
const deploymentSettings = {
  type: { enum: [...DEPLOYMENT_TYPE_OPTIONS], default: 'global-standard' },
  backends: {
    type: 'array',
    minItems: 1,
    maxItems: 16,
    items: {
      type: 'object',
      required: ['connection', 'model'],
      additionalProperties: false,
      properties: {
        connection: text,
        model: text,
        priority: {
          type: ['integer', 'null'],
          minimum: 0,
          maximum: 1_000_000,
          description: 'Lower is tried first; absent: the position.',
        },
        weight: { type: ['integer', 'null'], minimum: 1, maximum: 1000, default: 1 },
      },
    },
  },
  tpm: { type: ['integer', 'null'], minimum: 1 },
  rpm: { type: ['integer', 'null'], minimum: 1 },
  content_filter: {
    ...name,
    type: ['string', 'null'],
    description:
      'A content-filter policy of the project or the platform (GET /admin/projects/{project}/content-filters); ' +
      'absent or null: the default policy.',
  },
  version_upgrade: { enum: [...VERSION_UPGRADE_OPTIONS], default: 'on-new-default' },
  routing: routingInputSchema,
};

const schemas: Record<string, Schema> = {
  ...ACCESS_SCHEMAS,
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['message', 'type', 'code'],
        properties: { message: text, type: text, param: nullableText, code: text },
      },
    },
  },
  ConnectionInput: {
    type: 'object',
    required: ['name', 'provider'],
    additionalProperties: false,
    properties: {
      name,
      provider: text,
      base_url: nullableText,
      api_key: { ...nullableText, writeOnly: true },
      api_version: nullableText,
      headers: { type: ['object', 'null'], additionalProperties: { type: 'string' }, writeOnly: true },
      timeout_ms: { type: ['integer', 'null'], minimum: 1, maximum: 3_600_000 },
      capacity_tpm: {
        type: ['integer', 'null'],
        minimum: 1,
        description: 'Tokens per minute the account can serve; provisioned deployments reserve from it.',
      },
    },
  },
  Connection: {
    type: 'object',
    properties: {
      id: text,
      name: text,
      provider: text,
      base_url: nullableText,
      api_version: nullableText,
      has_api_key: { type: 'boolean' },
      header_names: { type: 'array', items: text },
      timeout_ms: { type: ['integer', 'null'] },
      capacity_tpm: { type: ['integer', 'null'] },
      created_at: time,
    },
  },
  Project: { type: 'object', properties: { id: text, name: text, created_at: time } },
  CreatedProject: {
    allOf: [
      ref('Project'),
      { type: 'object', properties: { keys: { type: 'object', properties: { key1: text, key2: text } } } },
    ],
  },
  KeyInput: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name,
      value: { type: 'string', minLength: 16, maxLength: 512, writeOnly: true },
      expires_at: nullableTime,
      deployments: { type: ['array', 'null'], items: name, minItems: 1 },
      scope: { enum: ['inference', 'admin'], default: 'inference' },
      role: { enum: ['reader', 'contributor', 'owner'], description: 'Needed with scope admin; not allowed without.' },
    },
  },
  Key: {
    type: 'object',
    properties: {
      id: text,
      project: text,
      name: text,
      prefix: text,
      status: { enum: ['active', 'revoked', 'expired'] },
      created_at: time,
      revoked_at: nullableTime,
      expires_at: nullableTime,
      deployments: { type: ['array', 'null'], items: text },
      last_used_at: nullableTime,
      scope: { enum: ['inference', 'admin'] },
      role: { enum: ['reader', 'contributor', 'owner', null] },
    },
  },
  KeyWithSecret: {
    allOf: [ref('Key'), { type: 'object', required: ['key'], properties: { key: text } }],
  },
  DeploymentInput: {
    type: 'object',
    required: ['name', 'model', 'backends'],
    additionalProperties: false,
    properties: { name, model: text, ...deploymentSettings },
  },
  DeploymentUpdate: {
    type: 'object',
    additionalProperties: false,
    description: 'Absent fields stay as they are; null clears tpm, rpm or content_filter.',
    properties: deploymentSettings,
  },
  Deployment: {
    type: 'object',
    properties: {
      id: text,
      project: text,
      name: text,
      model: text,
      type: { enum: [...DEPLOYMENT_TYPE_OPTIONS] },
      tpm: { type: ['integer', 'null'] },
      rpm: { type: ['integer', 'null'] },
      content_filter: nullableText,
      version_upgrade: { enum: [...VERSION_UPGRADE_OPTIONS] },
      routing: ref('RoutingPolicy'),
      model_retires_at: { type: ['string', 'null'], format: 'date' },
      backends: {
        type: 'array',
        items: {
          type: 'object',
          properties: { connection: text, model: text, priority: { type: 'integer' }, weight: { type: 'integer' } },
        },
      },
      created_at: time,
    },
  },
  QuotaGrantInput: {
    type: 'object',
    required: ['tpm'],
    additionalProperties: false,
    properties: { tpm: { type: 'integer', minimum: 1 } },
  },
  QuotaGrant: {
    type: 'object',
    properties: {
      project: text,
      model: text,
      tpm: { type: 'integer' },
      allocated_tpm: { type: 'integer' },
      updated_at: time,
    },
  },
  ...ENGINE_AND_CATALOG_SCHEMAS,
  ...USAGE_SCHEMAS,
  ...BUDGET_SCHEMAS,
  ...BILLING_SCHEMAS,
  ...SLO_SCHEMAS,
  ...ROUTING_SCHEMAS,
  ...SAFETY_SCHEMAS,
};

const ERRORS = { '400': 'Error', '401': 'Error', '403': 'Error', '404': 'Error' };

/** Path (OpenAPI spelling) → method → operation. */
export const ADMIN_OPERATIONS: Operations = {
  ...ACCESS_OPERATIONS,
  ...USAGE_OPERATIONS,
  ...BUDGET_OPERATIONS,
  ...BILLING_OPERATIONS,
  ...SLO_OPERATIONS,
  ...ROUTING_OPERATIONS,
  ...SAFETY_OPERATIONS,
  '/admin/connections': {
    get: {
      access: 'platform-admin',
      summary: 'List vendor connections (secrets never shown)',
      responses: { '200': 'list:Connection' },
    },
    post: {
      access: 'platform-admin',
      summary: 'Add a vendor connection',
      body: 'ConnectionInput',
      responses: { '201': 'Connection' },
    },
  },
  '/admin/connections/{name}': {
    patch: {
      access: 'platform-admin',
      summary: 'Change a connection in place (rotate its API key)',
      body: 'ConnectionInput',
      responses: { '200': 'Connection' },
    },
    delete: {
      access: 'platform-admin',
      summary: 'Remove a connection no deployment uses',
      responses: { '200': 'Deleted' },
    },
  },
  '/admin/projects': {
    get: { access: 'signed-in', summary: 'List projects', responses: { '200': 'list:Project' } },
    post: {
      access: 'platform-admin',
      summary: 'Add a project with its key1 and key2 (shown once)',
      body: 'Project',
      responses: { '201': 'CreatedProject' },
    },
  },
  '/admin/projects/{name}': {
    delete: {
      access: 'platform-admin',
      summary: 'Remove a project with its keys and deployments',
      responses: { '200': 'Deleted' },
    },
  },
  '/admin/projects/{project}/keys': {
    get: {
      access: { project: 'reader' },
      summary: "List a project's keys (by prefix)",
      responses: { '200': 'list:Key' },
    },
    post: {
      access: { project: 'contributor' },
      summary: 'Create a key, optionally expiring and limited to deployments',
      body: 'KeyInput',
      responses: { '201': 'KeyWithSecret' },
    },
  },
  '/admin/projects/{project}/keys/{name}': {
    delete: { access: { project: 'contributor' }, summary: 'Revoke a key', responses: { '200': 'Key' } },
  },
  '/admin/projects/{project}/keys/{name}/regenerate': {
    post: {
      access: { project: 'contributor' },
      summary: 'Give a key a new secret; the old one is refused at once',
      responses: { '200': 'KeyWithSecret' },
    },
  },
  '/admin/projects/{project}/deployments': {
    get: {
      access: { project: 'reader' },
      summary: "List a project's deployments",
      responses: { '200': 'list:Deployment' },
    },
    post: {
      access: { project: 'contributor' },
      summary: 'Deploy a model with backends and optional TPM/RPM',
      body: 'DeploymentInput',
      responses: { '201': 'Deployment' },
    },
  },
  '/admin/projects/{project}/deployments/{name}': {
    patch: {
      access: { project: 'contributor' },
      summary: 'Change a deployment in place: tpm, rpm, type, backends, content_filter, version_upgrade, routing',
      body: 'DeploymentUpdate',
      responses: { '200': 'Deployment' },
    },
    delete: {
      access: { project: 'contributor' },
      summary: 'Remove a deployment (the name ignores case)',
      responses: { '200': 'Deleted' },
    },
  },
  '/admin/projects/{project}/quotas': {
    get: {
      access: { project: 'reader' },
      summary: "A project's TPM grants per model, with what its deployments hold",
      responses: { '200': 'list:QuotaGrant' },
    },
  },
  '/admin/projects/{project}/quotas/{model}': {
    put: {
      access: 'platform-admin',
      summary: 'Grant a project TPM for a model',
      body: 'QuotaGrantInput',
      responses: { '200': 'QuotaGrant' },
    },
    delete: {
      access: 'platform-admin',
      summary: 'Remove a grant (its deployments are then not checked)',
      responses: { '200': 'Deleted' },
    },
  },
  '/admin/engine': {
    get: {
      access: 'platform-admin',
      summary: 'The local engine and its loaded models',
      responses: { '200': 'Engine' },
    },
  },
  '/admin/engine/models': {
    get: { access: 'platform-admin', summary: 'Models in the local store', responses: { '200': 'list:LocalModel' } },
  },
  '/admin/engine/models/pull': {
    post: {
      access: 'platform-admin',
      summary:
        'Pull a GGUF model into the local store: one ModelPull per line as it downloads (application/x-ndjson), ' +
        'or the finished pull with stream: false',
      body: 'ModelPullInput',
      responses: { '200': 'ModelPull' },
      textMediaTypes: ['application/x-ndjson'],
    },
  },
  '/admin/engine/pulls': {
    get: { access: 'platform-admin', summary: 'Pulls running now', responses: { '200': 'list:ModelPull' } },
  },
  '/admin/engine/pulls/{id}': {
    delete: {
      access: 'platform-admin',
      summary: 'Cancel a pull (its partial file stays, so pulling again resumes)',
      responses: { '200': 'ModelPull' },
    },
  },
  '/admin/engine/loaded': {
    get: { access: 'platform-admin', summary: 'Models loaded in memory', responses: { '200': 'list:LoadedModel' } },
  },
  '/admin/engine/loaded/{name}': {
    post: { access: 'platform-admin', summary: 'Load a local model now', responses: { '200': 'LoadedModel' } },
    delete: {
      access: 'platform-admin',
      summary: 'Unload a local model (when idle)',
      responses: { '200': 'UnloadedModel' },
    },
  },
  '/admin/catalog/models': {
    get: {
      access: 'signed-in',
      summary: 'Search the model catalog',
      query: ['q', 'vendor', 'capability', 'max_input_price', 'max_output_price', 'deployment_type', 'modality'],
      responses: { '200': 'list:ModelCard' },
    },
  },
  '/admin/catalog/models/{id}': {
    get: { access: 'signed-in', summary: 'One model card', responses: { '200': 'ModelCard' } },
  },
  '/admin/catalog/vendors': {
    get: { access: 'signed-in', summary: 'Catalog vendors', responses: { '200': 'list:Vendor' } },
  },
};

function describeAccess(access: AdminAccess): string {
  if (typeof access === 'object') return `at least the ${access.project} role on the project in the path`;
  switch (access) {
    case 'public':
      return 'anyone';
    case 'signed-in':
      return 'any signed-in person or admin key';
    case 'person':
      return 'a signed-in person (not a key)';
    case 'platform-admin':
      return 'a platform admin or the operator admin key';
  }
}

function responseSchema(reference: string): Schema {
  return reference.startsWith('list:') ? list(reference.slice('list:'.length)) : ref(reference);
}

export function buildOpenApiDocument(version: string): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const [path, operations] of Object.entries(ADMIN_OPERATIONS)) {
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[path] = {};
    for (const [method, operation] of Object.entries(operations)) {
      const responses: Record<string, Schema> = {};
      for (const [status, reference] of Object.entries({ ...operation.responses, ...ERRORS })) {
        responses[status] = {
          description: status.startsWith('2') ? 'Success' : 'Error in the OpenAI envelope',
          content: {
            'application/json': { schema: responseSchema(reference) },
            ...(status.startsWith('2')
              ? Object.fromEntries(
                  (operation.textMediaTypes ?? []).map((type) => [type, { schema: { type: 'string' } }]),
                )
              : {}),
          },
        };
      }
      paths[path][method] = {
        summary: operation.summary,
        description: `Who may call it: ${describeAccess(operation.access)}.`,
        'x-hangar-access': operation.access,
        security: operation.access === 'public' ? [] : [{ adminKey: [] }],
        parameters: [
          ...parameters,
          ...(operation.query ?? []).map((query) => ({ name: query, in: 'query', schema: { type: 'string' } })),
        ],
        ...(operation.body === undefined
          ? {}
          : { requestBody: { required: true, content: { 'application/json': { schema: ref(operation.body) } } } }),
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hangar admin API',
      version,
      description:
        'Sign-in, users and project members, connections, projects, keys, deployments, quotas, the local engine and ' +
        'the model catalog. See docs/api.md.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    components: {
      schemas,
      securitySchemes: {
        adminKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A session token from POST /admin/sessions, the operator admin key (HANGAR_ADMIN_KEY or data/admin.key), ' +
            'or a project key created with scope admin.',
        },
      },
    },
    paths,
  };
}
