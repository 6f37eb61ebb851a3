import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateJsonValue } from '../../src/engine/json-schema/index.js';
import type { JsonObject, JsonValue } from '../../src/spec/index.js';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { writeTinyLlamaGguf } from '../support/gguf/write-tiny-gguf.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

const installed = await import('node-llama-cpp').then(
  () => true,
  () => false,
);

interface OpenApiDocument {
  components: { schemas: Record<string, JsonObject> };
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content: { 'application/json': { schema: JsonObject } } }> }>
  >;
}

/** A call the test makes: the documented operation it exercises, and the path with its parameters filled. */
interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  operation: string;
  path?: string;
  body?: object;
  credential?: 'operator' | 'session' | 'none';
}

const PASSWORD = 'a password long enough';

/**
 * Every admin operation is called for real, in an order that makes each succeed, and each answer is checked
 * against the schema /openapi.json documents for its status. Unknown fields in an answer fail too (the
 * validator treats a missing additionalProperties as false), so the document lists everything the API returns.
 */
describe('/openapi.json against real answers', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;
  let directory: string;
  let document: OpenApiDocument;
  let session = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-openapi-answers-'));
    await writeTinyLlamaGguf(join(directory, 'tiny.gguf'), { seed: 5, contextLength: 512 });
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      env: { HANGAR_ENGINE_THREADS: '1', HANGAR_ENGINE_GPU: 'false' },
      yaml: `models:\n  - name: tiny\n    file: ${join(directory, 'tiny.gguf')}\n    context_size: 512\n    parallel: 1\n`,
    });
    document = (await (await fetch(`${hangar.url}/openapi.json`)).json()) as OpenApiDocument;
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** The document's schemas as `$defs`, the spelling the validator follows. */
  function schemaFor(operation: string, method: string, status: number): JsonObject {
    const responses = document.paths[operation]?.[method.toLowerCase()]?.responses;
    assert.ok(responses !== undefined, `${method} ${operation} is documented`);
    const response = responses[String(status)];
    assert.ok(response !== undefined, `${method} ${operation} documents status ${status}`);
    const rewrite = (value: JsonValue): JsonValue =>
      JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/')) as JsonValue;
    return {
      ...(rewrite(response.content['application/json'].schema) as JsonObject),
      $defs: rewrite(document.components.schemas),
    };
  }

  it('answers every documented operation in its documented shape', async () => {
    const exercised = new Set<string>();
    const calls: Call[] = [
      {
        method: 'POST',
        operation: '/admin/users',
        body: { email: 'ada@example.com', password: PASSWORD, name: 'Ada' },
      },
      { method: 'GET', operation: '/admin/users' },
      {
        method: 'POST',
        operation: '/admin/sessions',
        body: { email: 'ada@example.com', password: PASSWORD },
        credential: 'none',
      },
      { method: 'GET', operation: '/admin/me', credential: 'session' },
      {
        method: 'PUT',
        operation: '/admin/me/password',
        body: { current_password: PASSWORD, new_password: `${PASSWORD}!` },
        credential: 'session',
      },
      { method: 'DELETE', operation: '/admin/sessions/current', credential: 'session' },
      {
        method: 'PATCH',
        operation: '/admin/users/{email}',
        path: '/admin/users/ada@example.com',
        body: { platform_admin: true },
      },
      {
        method: 'POST',
        operation: '/admin/connections',
        body: { name: 'vendor', provider: 'openai', base_url: emulator.baseUrl, api_key: emulator.apiKey },
      },
      { method: 'GET', operation: '/admin/connections' },
      {
        method: 'PATCH',
        operation: '/admin/connections/{name}',
        path: '/admin/connections/vendor',
        body: { timeout_ms: 30_000 },
      },
      { method: 'POST', operation: '/admin/projects', body: { name: 'demo' } },
      { method: 'GET', operation: '/admin/projects' },
      {
        method: 'PUT',
        operation: '/admin/projects/{project}/members/{email}',
        path: '/admin/projects/demo/members/ada@example.com',
        body: { role: 'contributor' },
      },
      { method: 'GET', operation: '/admin/projects/{project}/members', path: '/admin/projects/demo/members' },
      {
        method: 'PUT',
        operation: '/admin/projects/{project}/quotas/{model}',
        path: '/admin/projects/demo/quotas/gpt-4o',
        body: { tpm: 100_000 },
      },
      { method: 'GET', operation: '/admin/projects/{project}/quotas', path: '/admin/projects/demo/quotas' },
      {
        method: 'POST',
        operation: '/admin/projects/{project}/deployments',
        path: '/admin/projects/demo/deployments',
        body: { name: 'chat', model: 'gpt-4o', backends: [{ connection: 'vendor', model: 'gpt-4o' }], tpm: 10_000 },
      },
      { method: 'GET', operation: '/admin/projects/{project}/deployments', path: '/admin/projects/demo/deployments' },
      {
        method: 'PATCH',
        operation: '/admin/projects/{project}/deployments/{name}',
        path: '/admin/projects/demo/deployments/chat',
        body: { tpm: 20_000 },
      },
      {
        method: 'POST',
        operation: '/admin/projects/{project}/keys',
        path: '/admin/projects/demo/keys',
        body: { name: 'ci', deployments: ['chat'], expires_at: '2099-01-01T00:00:00Z' },
      },
      { method: 'GET', operation: '/admin/projects/{project}/keys', path: '/admin/projects/demo/keys' },
      {
        method: 'POST',
        operation: '/admin/projects/{project}/keys/{name}/regenerate',
        path: '/admin/projects/demo/keys/ci/regenerate',
      },
      { method: 'DELETE', operation: '/admin/projects/{project}/keys/{name}', path: '/admin/projects/demo/keys/ci' },
      { method: 'GET', operation: '/admin/engine' },
      { method: 'GET', operation: '/admin/engine/models' },
      ...(installed
        ? ([
            { method: 'POST', operation: '/admin/engine/loaded/{name}', path: '/admin/engine/loaded/tiny' },
            { method: 'DELETE', operation: '/admin/engine/loaded/{name}', path: '/admin/engine/loaded/tiny' },
          ] as const)
        : []),
      { method: 'GET', operation: '/admin/engine/loaded' },
      { method: 'GET', operation: '/admin/catalog/models' },
      { method: 'GET', operation: '/admin/catalog/models/{id}', path: '/admin/catalog/models/grok-3-mini' },
      { method: 'GET', operation: '/admin/catalog/vendors' },
      // Errors are documented too: one of each status the admin API answers with.
      { method: 'POST', operation: '/admin/projects', body: { name: '' } },
      { method: 'GET', operation: '/admin/catalog/models/{id}', path: '/admin/catalog/models/no-such-model' },
      { method: 'GET', operation: '/admin/me', credential: 'none' },
      { method: 'DELETE', operation: '/admin/sessions/current' },
      // And the removals last.
      {
        method: 'DELETE',
        operation: '/admin/projects/{project}/deployments/{name}',
        path: '/admin/projects/demo/deployments/chat',
      },
      {
        method: 'DELETE',
        operation: '/admin/projects/{project}/quotas/{model}',
        path: '/admin/projects/demo/quotas/gpt-4o',
      },
      {
        method: 'DELETE',
        operation: '/admin/projects/{project}/members/{email}',
        path: '/admin/projects/demo/members/ada@example.com',
      },
      { method: 'DELETE', operation: '/admin/projects/{name}', path: '/admin/projects/demo' },
      { method: 'DELETE', operation: '/admin/connections/{name}', path: '/admin/connections/vendor' },
      { method: 'DELETE', operation: '/admin/users/{email}', path: '/admin/users/ada@example.com' },
    ];

    for (const call of calls) {
      const credential =
        call.credential === 'none' ? undefined : call.credential === 'session' ? session : hangar.adminKey;
      const response = await fetch(`${hangar.url}${call.path ?? call.operation}`, {
        method: call.method,
        headers: {
          ...(credential === undefined ? {} : { authorization: `Bearer ${credential}` }),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });
      const answer = (await response.json()) as JsonValue;
      const problems = validateJsonValue(answer, schemaFor(call.operation, call.method, response.status));
      assert.deepEqual(
        problems,
        [],
        `${call.method} ${call.path ?? call.operation} → ${response.status} ${JSON.stringify(answer).slice(0, 400)}`,
      );
      if (response.status < 300) exercised.add(`${call.method.toLowerCase()} ${call.operation}`);
      if (call.operation === '/admin/sessions') session = (answer as { token: string }).token;
    }

    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const skipped = installed ? [] : ['post /admin/engine/loaded/{name}', 'delete /admin/engine/loaded/{name}'];
    assert.deepEqual(
      documented.filter((operation) => !exercised.has(operation) && !skipped.includes(operation)).sort(),
      [],
      'operations this test did not call successfully',
    );
  });
});
