import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateJsonValue } from '../../src/engine/json-schema/index.js';
import { serveModelFiles, type ModelFileServer } from '../../src/engine/model-store/testing/serve-model-files.js';
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
    Record<string, { responses: Record<string, { content: Record<string, { schema: JsonObject } | undefined> }> }>
  >;
}

/** A call the test makes: the documented operation it exercises, and the path with its parameters filled. */
interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  operation: string;
  path?: string;
  body?: object;
  credential?: 'operator' | 'session' | 'none';
  /** Sets the scene the call needs and returns its path (for an id only known then). */
  prepare?: () => Promise<string>;
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
  let files: ModelFileServer;
  let document: OpenApiDocument;
  let session = '';
  let budget = '';
  let price = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-openapi-answers-'));
    await writeTinyLlamaGguf(join(directory, 'tiny.gguf'), { seed: 5, contextLength: 512 });
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    const gguf = await readFile(join(directory, 'tiny.gguf'));
    files = await serveModelFiles({
      '/pulled.gguf': { body: gguf },
      '/streamed.gguf': { body: gguf },
      // Slow enough to still be running when the test cancels it.
      '/cancelled.gguf': { body: gguf, bytesPerSecond: 1024 },
    });
    hangar = await startHangar({
      env: { HANGAR_ENGINE_THREADS: '1', HANGAR_ENGINE_GPU: 'false' },
      yaml: `models:\n  - name: tiny\n    file: ${join(directory, 'tiny.gguf')}\n    context_size: 512\n    parallel: 1\n`,
    });
    document = (await (await fetch(`${hangar.url}/openapi.json`)).json()) as OpenApiDocument;
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
    await files?.close();
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
    const json = response.content['application/json'];
    assert.ok(json !== undefined, `${method} ${operation} documents a JSON answer for ${status}`);
    return {
      ...(rewrite(json.schema) as JsonObject),
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
        operation: '/admin/projects/{project}/budgets',
        path: '/admin/projects/demo/budgets',
        body: { monthly_limit_micro_usd: 5_000_000, alert_thresholds: [50, 100], webhook_secret: 'x'.repeat(16) },
      },
      { method: 'GET', operation: '/admin/projects/{project}/budgets', path: '/admin/projects/demo/budgets' },
      {
        method: 'PATCH',
        operation: '/admin/projects/{project}/budgets/{id}',
        path: '/admin/projects/demo/budgets/{budget}',
        body: { hard_limit: false },
      },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/budgets/{id}/events',
        path: '/admin/projects/demo/budgets/{budget}/events',
      },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/usage',
        path: '/admin/projects/demo/usage?group_by=deployment',
      },
      { method: 'GET', operation: '/admin/usage', path: '/admin/usage?group_by=project&from=2026-11-01' },
      { method: 'GET', operation: '/admin/usage/reconciliation' },
      {
        method: 'POST',
        operation: '/admin/projects/{project}/prices',
        path: '/admin/projects/demo/prices',
        body: {
          model: 'gpt-4o',
          deployment_type: 'global-standard',
          discount_basis_points: 1000,
          effective_from: '2025-01-01',
        },
      },
      { method: 'GET', operation: '/admin/projects/{project}/prices', path: '/admin/projects/demo/prices' },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/prices/effective',
        path: '/admin/projects/demo/prices/effective?model=gpt-4o',
      },
      { method: 'GET', operation: '/admin/projects/{project}/invoices', path: '/admin/projects/demo/invoices' },
      ...(['json', 'csv', 'html'] as const).map((format) => ({
        method: 'GET' as const,
        operation: '/admin/projects/{project}/invoices/{month}',
        path: `/admin/projects/demo/invoices/2025-01?format=${format}`,
      })),
      { method: 'POST', operation: '/admin/invoices/close', path: '/admin/invoices/close?month=2025-01' },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/invoices/{month}',
        path: '/admin/projects/demo/invoices/2025-01',
      },
      {
        method: 'PUT',
        operation: '/admin/content-filters/{name}',
        path: '/admin/content-filters/strict',
        body: { description: 'Low thresholds', prompt: { hate: 'low', violence: 'low' } },
      },
      {
        method: 'PUT',
        operation: '/admin/content-filters/{name}',
        path: '/admin/content-filters/screened',
        body: {
          analyzer: { type: 'azure-content-safety', endpoint: 'https://safety.example.com', api_key: 'x'.repeat(32) },
        },
      },
      { method: 'GET', operation: '/admin/content-filters' },
      { method: 'GET', operation: '/admin/content-filters/{name}', path: '/admin/content-filters/default' },
      {
        method: 'PUT',
        operation: '/admin/projects/{project}/blocklists/{name}',
        path: '/admin/projects/demo/blocklists/rivals',
        body: { description: 'Rivals', items: [{ pattern: 'contoso' }, { pattern: 'c[o0]ntoso', regex: true }] },
      },
      { method: 'GET', operation: '/admin/projects/{project}/blocklists', path: '/admin/projects/demo/blocklists' },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/blocklists/{name}',
        path: '/admin/projects/demo/blocklists/rivals',
      },
      {
        method: 'PUT',
        operation: '/admin/projects/{project}/content-filters/{name}',
        path: '/admin/projects/demo/content-filters/own',
        body: { prompt: { blocklists: ['rivals'], pii: { email: 'redact' } }, completion: { blocklists: ['rivals'] } },
      },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/content-filters',
        path: '/admin/projects/demo/content-filters',
      },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/content-filters/{name}',
        path: '/admin/projects/demo/content-filters/own',
      },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/content-filters/events',
        path: '/admin/projects/demo/content-filters/events?limit=10',
      },
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
        method: 'PATCH',
        operation: '/admin/projects/{project}/deployments/{name}',
        path: '/admin/projects/demo/deployments/chat',
        body: { routing: { strategy: 'least-latency', max_attempts: 2, timeouts: { total_ms: 60_000 } } },
      },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/deployments/{name}/health',
        path: '/admin/projects/demo/deployments/chat/health',
      },
      {
        method: 'GET',
        operation: '/admin/projects/{project}/deployments/{name}/slo',
        path: '/admin/projects/demo/deployments/chat/slo?window=24h',
      },
      { method: 'GET', operation: '/admin/projects/{project}/sla', path: '/admin/projects/demo/sla?month=2025-01' },
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
      {
        method: 'POST',
        operation: '/admin/engine/models/pull',
        body: { source: `${files.url}/pulled.gguf`, name: 'pulled', stream: false },
      },
      { method: 'POST', operation: '/admin/engine/models/pull', body: { source: `${files.url}/streamed.gguf` } },
      { method: 'GET', operation: '/admin/engine/pulls' },
      {
        method: 'DELETE',
        operation: '/admin/engine/pulls/{id}',
        prepare: async () => {
          const response = await fetch(`${hangar.url}/admin/engine/models/pull`, {
            method: 'POST',
            headers: { authorization: `Bearer ${hangar.adminKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ source: `${files.url}/cancelled.gguf` }),
          });
          const reader = response.body!.getReader();
          const first = new TextDecoder().decode((await reader.read()).value);
          await reader.cancel();
          return `/admin/engine/pulls/${(JSON.parse(first.split('\n')[0]!) as { id: string }).id}`;
        },
      },
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
      {
        method: 'DELETE',
        operation: '/admin/projects/{project}/budgets/{id}',
        path: '/admin/projects/demo/budgets/{budget}',
      },
      {
        method: 'DELETE',
        operation: '/admin/projects/{project}/prices/{id}',
        path: '/admin/projects/demo/prices/{price}',
      },
      {
        method: 'DELETE',
        operation: '/admin/projects/{project}/content-filters/{name}',
        path: '/admin/projects/demo/content-filters/own',
      },
      {
        method: 'DELETE',
        operation: '/admin/projects/{project}/blocklists/{name}',
        path: '/admin/projects/demo/blocklists/rivals',
      },
      { method: 'DELETE', operation: '/admin/content-filters/{name}', path: '/admin/content-filters/strict' },
      { method: 'DELETE', operation: '/admin/projects/{name}', path: '/admin/projects/demo' },
      { method: 'DELETE', operation: '/admin/connections/{name}', path: '/admin/connections/vendor' },
      { method: 'DELETE', operation: '/admin/users/{email}', path: '/admin/users/ada@example.com' },
    ];

    for (const call of calls) {
      const credential =
        call.credential === 'none' ? undefined : call.credential === 'session' ? session : hangar.adminKey;
      // `{budget}` and `{price}` are the ids the budget and the price override were created with.
      const path =
        call.prepare === undefined
          ? (call.path ?? call.operation).replace('{budget}', budget).replace('{price}', price)
          : await call.prepare();
      const response = await fetch(`${hangar.url}${path}`, {
        method: call.method,
        headers: {
          ...(credential === undefined ? {} : { authorization: `Bearer ${credential}` }),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });
      const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (mediaType !== 'application/json') {
        // format=csv and format=html answers are documented as text under their own media type.
        const responses = document.paths[call.operation]?.[call.method.toLowerCase()]?.responses;
        const content = responses?.[String(response.status)]?.content;
        assert.ok(
          content?.[mediaType] !== undefined,
          `${call.method} ${path} → ${response.status} documents ${mediaType}`,
        );
        assert.notEqual(await response.text(), '', `${call.method} ${path} answers a body`);
        if (response.status < 300) exercised.add(`${call.method.toLowerCase()} ${call.operation}`);
        continue;
      }
      const answer = (await response.json()) as JsonValue;
      const problems = validateJsonValue(answer, schemaFor(call.operation, call.method, response.status));
      assert.deepEqual(
        problems,
        [],
        `${call.method} ${path} → ${response.status} ${JSON.stringify(answer).slice(0, 400)}`,
      );
      if (response.status < 300) exercised.add(`${call.method.toLowerCase()} ${call.operation}`);
      if (call.operation === '/admin/sessions') session = (answer as { token: string }).token;
      if (call.operation === '/admin/projects/{project}/budgets' && call.method === 'POST') {
        budget = (answer as { id: string }).id;
      }
      if (call.operation === '/admin/projects/{project}/prices' && call.method === 'POST') {
        price = (answer as { id: string }).id;
      }
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
