/**
 * The admin API as an OpenAPI 3.1 document, served at `/openapi.json`. Written by hand, next to the routes;
 * `openapi-document.test.ts` registers the real routes and fails when a route and this document disagree.
 */
type Schema = Record<string, unknown>;

const name = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' };
const text = { type: 'string' };
const nullableText = { type: ['string', 'null'] };
const time = { type: 'string', format: 'date-time' };
const nullableTime = { type: ['string', 'null'], format: 'date-time' };
const ref = (schema: string) => ({ $ref: `#/components/schemas/${schema}` });
const list = (schema: string) => ({
  type: 'object',
  required: ['object', 'data'],
  properties: { object: { const: 'list' }, data: { type: 'array', items: ref(schema) } },
});

const schemas: Record<string, Schema> = {
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
    },
  },
  KeyWithSecret: {
    allOf: [ref('Key'), { type: 'object', required: ['key'], properties: { key: text } }],
  },
  DeploymentInput: {
    type: 'object',
    required: ['name', 'model', 'backends'],
    additionalProperties: false,
    properties: {
      name,
      model: text,
      backends: {
        type: 'array',
        minItems: 1,
        maxItems: 16,
        items: { type: 'object', required: ['connection', 'model'], properties: { connection: text, model: text } },
      },
      tpm: { type: ['integer', 'null'], minimum: 1 },
      rpm: { type: ['integer', 'null'], minimum: 1 },
    },
  },
  Deployment: {
    type: 'object',
    properties: {
      id: text,
      project: text,
      name: text,
      model: text,
      tpm: { type: ['integer', 'null'] },
      rpm: { type: ['integer', 'null'] },
      backends: { type: 'array', items: { type: 'object', properties: { connection: text, model: text } } },
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
  Engine: {
    type: 'object',
    properties: {
      object: { const: 'engine' },
      threads: { type: 'integer' },
      gpu: { type: ['string', 'boolean'] },
      accelerator: nullableText,
      memory_budget_bytes: { type: 'integer' },
      memory_used_bytes: { type: 'integer' },
      loaded: { type: 'array', items: ref('LoadedModel') },
    },
  },
  LocalModel: {
    type: 'object',
    properties: { name: text, size_bytes: { type: 'integer' }, loaded: { type: 'boolean' } },
  },
  LoadedModel: {
    type: 'object',
    properties: {
      name: text,
      memory_bytes: { type: 'integer' },
      context_size: { type: 'integer' },
      slots: { type: 'integer' },
      busy_slots: { type: 'integer' },
      queued: { type: 'integer' },
      keep_alive_ms: { type: 'integer' },
      expires_at: nullableTime,
      chat_template: text,
    },
  },
  ModelCard: { type: 'object', properties: { id: text, vendor: text, family: text } },
  Vendor: { type: 'object', properties: { id: text, name: text } },
};

interface Operation {
  summary: string;
  body?: string;
  /** Status → schema name (or null for a body-less answer). */
  responses: Record<string, string>;
  query?: string[];
}

const ERRORS = { '400': 'Error', '401': 'Error', '404': 'Error' };

/** Path (OpenAPI spelling) → method → operation. */
export const ADMIN_OPERATIONS: Record<string, Record<string, Operation>> = {
  '/admin/connections': {
    get: { summary: 'List vendor connections (secrets never shown)', responses: { '200': 'list:Connection' } },
    post: { summary: 'Add a vendor connection', body: 'ConnectionInput', responses: { '201': 'Connection' } },
  },
  '/admin/connections/{name}': {
    patch: {
      summary: 'Change a connection in place (rotate its API key)',
      body: 'ConnectionInput',
      responses: { '200': 'Connection' },
    },
    delete: { summary: 'Remove a connection no deployment uses', responses: { '200': 'Connection' } },
  },
  '/admin/projects': {
    get: { summary: 'List projects', responses: { '200': 'list:Project' } },
    post: {
      summary: 'Add a project with its key1 and key2 (shown once)',
      body: 'Project',
      responses: { '201': 'CreatedProject' },
    },
  },
  '/admin/projects/{name}': {
    delete: { summary: 'Remove a project with its keys and deployments', responses: { '200': 'Project' } },
  },
  '/admin/projects/{project}/keys': {
    get: { summary: "List a project's keys (by prefix)", responses: { '200': 'list:Key' } },
    post: {
      summary: 'Create a key, optionally expiring and limited to deployments',
      body: 'KeyInput',
      responses: { '201': 'KeyWithSecret' },
    },
  },
  '/admin/projects/{project}/keys/{name}': {
    delete: { summary: 'Revoke a key', responses: { '200': 'Key' } },
  },
  '/admin/projects/{project}/keys/{name}/regenerate': {
    post: { summary: 'Give a key a new secret; the old one is refused at once', responses: { '200': 'KeyWithSecret' } },
  },
  '/admin/projects/{project}/deployments': {
    get: { summary: "List a project's deployments", responses: { '200': 'list:Deployment' } },
    post: {
      summary: 'Deploy a model with backends and optional TPM/RPM',
      body: 'DeploymentInput',
      responses: { '201': 'Deployment' },
    },
  },
  '/admin/projects/{project}/deployments/{name}': {
    delete: { summary: 'Remove a deployment (the name ignores case)', responses: { '200': 'Deployment' } },
  },
  '/admin/projects/{project}/quotas': {
    get: {
      summary: "A project's TPM grants per model, with what its deployments hold",
      responses: { '200': 'list:QuotaGrant' },
    },
  },
  '/admin/projects/{project}/quotas/{model}': {
    put: { summary: 'Grant a project TPM for a model', body: 'QuotaGrantInput', responses: { '200': 'QuotaGrant' } },
    delete: { summary: 'Remove a grant (its deployments are then not checked)', responses: { '200': 'QuotaGrant' } },
  },
  '/admin/engine': { get: { summary: 'The local engine and its loaded models', responses: { '200': 'Engine' } } },
  '/admin/engine/models': { get: { summary: 'Models in the local store', responses: { '200': 'list:LocalModel' } } },
  '/admin/engine/loaded': { get: { summary: 'Models loaded in memory', responses: { '200': 'list:LoadedModel' } } },
  '/admin/engine/loaded/{name}': {
    post: { summary: 'Load a local model now', responses: { '200': 'LoadedModel' } },
    delete: { summary: 'Unload a local model (when idle)', responses: { '200': 'LoadedModel' } },
  },
  '/admin/catalog/models': {
    get: {
      summary: 'Search the model catalog',
      query: ['q', 'vendor', 'capability', 'max_input_price', 'max_output_price', 'deployment_type', 'modality'],
      responses: { '200': 'list:ModelCard' },
    },
  },
  '/admin/catalog/models/{id}': { get: { summary: 'One model card', responses: { '200': 'ModelCard' } } },
  '/admin/catalog/vendors': { get: { summary: 'Catalog vendors', responses: { '200': 'list:Vendor' } } },
};

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
          content: { 'application/json': { schema: responseSchema(reference) } },
        };
      }
      paths[path][method] = {
        summary: operation.summary,
        security: [{ adminKey: [] }],
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
      description: 'Connections, projects, keys, deployments, the local engine and the model catalog. See docs/api.md.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    components: {
      schemas,
      securitySchemes: {
        adminKey: { type: 'http', scheme: 'bearer', description: 'HANGAR_ADMIN_KEY or data/admin.key' },
      },
    },
    paths,
  };
}
