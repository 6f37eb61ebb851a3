import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startHangar, type HangarUnderTest } from '../../support/start-hangar.js';
import { startVendorFleet, type VendorFleet } from '../../support/vendor-fleet.js';
import {
  ANTHROPIC_HEADERS,
  anthropicBody,
  assertNoSecrets,
  assertRequestIds,
  errorOf,
  openAiChatBody,
  rawCall,
  vendorKeys,
  type RawAnswer,
} from './error-helpers.js';

/*
 * Every client mistake, in the envelope of each dialect, checked on the wire: status, body shape, the
 * parameter named, and the request-id headers clients quote in support tickets.
 */

const AZURE_INVALID_KEY =
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';
const AZURE_DEPLOYMENT_NOT_FOUND =
  'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.';
const AZURE_NO_MODEL =
  'No model specified in request. Please provide a model name in the request body or as a x-ms-model-mesh-model-name header.';

type DialectName = 'openai' | 'azure-openai' | 'azure-openai-v1' | 'azure-inference' | 'anthropic';

interface DialectRoute {
  name: DialectName;
  azure: boolean;
  /** The chat URL for a deployment (path-routed dialects put it in the path). */
  url(base: string, deployment: string): string;
  auth(key: string): Record<string, string>;
  body(model: string | undefined, extra?: Record<string, unknown>): Record<string, unknown>;
}

const withoutModel = (body: Record<string, unknown>, model: string | undefined) => {
  if (model === undefined) delete body.model;
  return body;
};

const ROUTES: DialectRoute[] = [
  {
    name: 'openai',
    azure: false,
    url: (base) => `${base}/v1/chat/completions`,
    auth: (key) => ({ authorization: `Bearer ${key}` }),
    body: (model, extra) => withoutModel(openAiChatBody(model ?? '', extra), model),
  },
  {
    name: 'azure-openai',
    azure: true,
    url: (base, deployment) =>
      `${base}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=2024-10-21`,
    auth: (key) => ({ 'api-key': key }),
    body: (model, extra) => withoutModel(openAiChatBody(model ?? '', extra), model),
  },
  {
    name: 'azure-openai-v1',
    azure: true,
    url: (base) => `${base}/openai/v1/chat/completions`,
    auth: (key) => ({ authorization: `Bearer ${key}` }),
    body: (model, extra) => withoutModel(openAiChatBody(model ?? '', extra), model),
  },
  {
    name: 'azure-inference',
    azure: true,
    url: (base) => `${base}/models/chat/completions?api-version=2025-04-01`,
    auth: (key) => ({ 'api-key': key, authorization: `Bearer ${key}` }),
    body: (model, extra) => withoutModel(openAiChatBody(model ?? '', extra), model),
  },
  {
    name: 'anthropic',
    azure: false,
    url: (base) => `${base}/v1/messages`,
    auth: (key) => ({ 'x-api-key': key, ...ANTHROPIC_HEADERS }),
    body: (model, extra) => withoutModel(anthropicBody(model ?? '', extra), model),
  },
];

const DEPLOYMENT = 'chat-openai';

/** The envelope each dialect must use: Anthropic's typed one, or `{error:{code,…}}` with the code in `x-ms-error-code`. */
function assertEnvelope(route: DialectRoute, answer: RawAnswer, status: number, code: string, anthropicType: string) {
  assert.equal(answer.status, status, `${route.name}: ${answer.text}`);
  assertRequestIds(answer, route.azure);
  if (route.name === 'anthropic') {
    const body = answer.json as { type: string; error: { type: string; message: string }; request_id: string };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, anthropicType);
    assert.equal(typeof body.error.message, 'string');
    assert.equal(body.request_id, answer.headers['x-request-id']);
    assert.equal(answer.headers['request-id'], answer.headers['x-request-id']);
    return;
  }
  const error = errorOf(answer);
  assert.equal(error.code, code, `${route.name}: ${answer.text}`);
  assert.equal(typeof error.message, 'string');
  if (route.azure) assert.equal(answer.headers['x-ms-error-code'], code);
  if (route.name === 'openai') {
    assert.deepEqual(Object.keys(error).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(error.type, 'invalid_request_error');
  }
}

describe('error envelopes per dialect', () => {
  let fleet: VendorFleet;
  let small: HangarUnderTest;
  let secrets: string[];

  before(async () => {
    fleet = await startVendorFleet();
    secrets = vendorKeys([fleet.openai, fleet.xai, fleet.deepseek, fleet.azure, fleet.anthropic]);
    small = await startHangar({
      yaml:
        `server:\n  body_limit_bytes: 1024\nconnections:\n  - name: openai\n    provider: openai\n` +
        `    base_url: ${fleet.openai.baseUrl}\n    api_key: \${OPENAI_KEY}\nprojects:\n  - name: small\n` +
        `    keys:\n      - name: tests\n        value: \${CLIENT_KEY}\n    deployments:\n` +
        `      - name: ${DEPLOYMENT}\n        model: gpt-4o\n        backends:\n          - connection: openai\n` +
        `            model: gpt-4o\n`,
      env: { OPENAI_KEY: fleet.openai.apiKey, CLIENT_KEY: fleet.clientKey },
    });
  });
  after(async () => {
    await small?.close();
    await fleet?.close();
  });
  beforeEach(() => fleet.reset());

  for (const route of ROUTES) {
    describe(route.name, () => {
      const call = (deployment: string, body: unknown, headers?: Record<string, string>) =>
        rawCall(route.url(fleet.hangar.url, deployment), {
          headers: headers ?? route.auth(fleet.clientKey),
          body,
        });

      it('answers a body that is not JSON with 400 invalid_json', async () => {
        const answer = await call(DEPLOYMENT, '{"model": "chat-openai", "messages": [');
        assertEnvelope(route, answer, 400, 'invalid_json', 'invalid_request_error');
        assert.match(answer.text, /not valid JSON/);
        assert.equal(fleet.openai.requests.length, 0);
      });

      it('answers a body that is not an object with 400', async () => {
        const answer = await call(DEPLOYMENT, '[1, 2, 3]');
        assertEnvelope(route, answer, 400, 'invalid_request', 'invalid_request_error');
        assert.match(answer.text, /JSON object/);
      });

      it('answers a parameter of the wrong type with 400 naming it', async () => {
        const answer = await call(DEPLOYMENT, route.body(DEPLOYMENT, { temperature: 'hot' }));
        assertEnvelope(route, answer, 400, 'invalid_request', 'invalid_request_error');
        assert.match(answer.text, /temperature/);
        if (route.name === 'openai' || route.name.startsWith('azure-openai'))
          assert.equal(errorOf(answer).param, 'temperature');
        assert.equal(fleet.openai.requests.length, 0);
      });

      it('names the nested path of a wrong message', async () => {
        const body = route.body(DEPLOYMENT);
        body.messages = [{ role: 'user', content: 42 }];
        const answer = await call(DEPLOYMENT, body);
        assertEnvelope(route, answer, 400, 'invalid_request', 'invalid_request_error');
        assert.match(answer.text, /messages\[0\]\.content/);
      });

      if (route.name !== 'azure-openai') {
        it('answers a request without a model with 400', async () => {
          const answer = await call(DEPLOYMENT, route.body(undefined));
          if (route.name === 'azure-inference') {
            assertEnvelope(route, answer, 400, 'no_model_name', '');
            assert.deepEqual(answer.json, {
              error: { code: 'no_model_name', message: AZURE_NO_MODEL, details: AZURE_NO_MODEL },
            });
          } else {
            assertEnvelope(route, answer, 400, 'missing_model', 'invalid_request_error');
            assert.match(answer.text, /model/);
          }
        });
      }

      it('answers an unknown deployment with 404', async () => {
        const answer = await call('no-such-deployment', route.body('no-such-deployment'));
        if (route.name === 'azure-inference') {
          assertEnvelope(route, answer, 404, 'unknown_model', '');
          assert.equal(errorOf(answer).message, 'Unknown model: no-such-deployment');
        } else if (route.azure) {
          assertEnvelope(route, answer, 404, 'DeploymentNotFound', '');
          assert.equal(errorOf(answer).message, AZURE_DEPLOYMENT_NOT_FOUND);
        } else {
          assertEnvelope(route, answer, 404, 'model_not_found', 'not_found_error');
          assert.match(answer.text, /no-such-deployment/);
        }
      });

      for (const [label, headers] of [
        ['no key', route.name === 'anthropic' ? { ...ANTHROPIC_HEADERS } : {}],
        ['a wrong key', route.auth('hk-not-a-key-of-this-hangar-000')],
      ] as const) {
        it(`answers ${label} with 401`, async () => {
          const answer = await call(DEPLOYMENT, route.body(DEPLOYMENT), headers);
          const code = route.name === 'azure-openai' || route.name === 'azure-openai-v1' ? '401' : 'invalid_api_key';
          assertEnvelope(route, answer, 401, code, 'authentication_error');
          if (code === '401') assert.deepEqual(answer.json, { error: { code: '401', message: AZURE_INVALID_KEY } });
          assert.ok(!answer.text.includes('hk-not-a-key'), 'the rejected key is not echoed');
          assert.equal(fleet.openai.requests.length, 0);
        });
      }

      it('answers a body above server.body_limit_bytes with 413', async () => {
        const body = route.body(DEPLOYMENT);
        body.messages = [{ role: 'user', content: 'x'.repeat(2048) }];
        const answer = await rawCall(route.url(small.url, DEPLOYMENT), { headers: route.auth(fleet.clientKey), body });
        assertEnvelope(route, answer, 413, 'request_too_large', 'request_too_large');
        assert.match(answer.text, /body_limit_bytes/);
        assertNoSecrets(answer, secrets);
        assert.equal(fleet.openai.requests.length, 0);
      });
    });
  }

  it('names the byte limit in the 413 message', async () => {
    const body = openAiChatBody(DEPLOYMENT, { messages: [{ role: 'user', content: 'x'.repeat(2048) }] });
    const answer = await rawCall(`${small.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${fleet.clientKey}` },
      body,
    });
    assert.equal(answer.status, 413);
    assert.match(errorOf(answer).message ?? '', /1024-byte limit/);
  });

  describe('unknown routes', () => {
    const cases: { path: string; dialect: DialectName }[] = [
      { path: '/v1/no-such-thing', dialect: 'openai' },
      { path: '/openai/deployments/chat-openai/no-such-thing?api-version=2024-10-21', dialect: 'azure-openai' },
      { path: '/models/no-such-thing?api-version=2025-04-01', dialect: 'azure-inference' },
      { path: '/v1/messages/no-such-thing', dialect: 'anthropic' },
    ];
    for (const { path, dialect } of cases) {
      it(`answers POST ${path} with 404 in the ${dialect} envelope`, async () => {
        const route = ROUTES.find((candidate) => candidate.name === dialect)!;
        const answer = await rawCall(`${fleet.hangar.url}${path}`, { headers: route.auth(fleet.clientKey), body: {} });
        if (route.azure) {
          assertEnvelope(route, answer, 404, '404', '');
          assert.deepEqual(answer.json, { error: { code: '404', message: 'Resource not found' } });
        } else {
          assertEnvelope(route, answer, 404, 'not_found', 'not_found_error');
          assert.match(answer.text, /no-such-thing/);
        }
      });
    }

    it('answers a known path with the wrong method with 405', async () => {
      const answer = await rawCall(`${fleet.hangar.url}/v1/chat/completions`, {
        method: 'GET',
        headers: { authorization: `Bearer ${fleet.clientKey}` },
      });
      assert.equal(answer.status, 405, answer.text);
      assert.equal(errorOf(answer).code, 'method_not_allowed');
    });
  });

  describe('api-version on Azure routes', () => {
    const base = () => fleet.hangar.url;
    const cases: { label: string; url: () => string; headers: () => Record<string, string> }[] = [
      {
        label: 'an unknown version on a deployment route',
        url: () => `${base()}/openai/deployments/chat-openai/chat/completions?api-version=1999-01-01`,
        headers: () => ({ 'api-key': fleet.clientKey }),
      },
      {
        label: 'no version on a deployment route',
        url: () => `${base()}/openai/deployments/chat-openai/chat/completions`,
        headers: () => ({ 'api-key': fleet.clientKey }),
      },
      {
        label: 'an unknown version on /openai/v1',
        url: () => `${base()}/openai/v1/chat/completions?api-version=2024-10-21-nonsense`,
        headers: () => ({ authorization: `Bearer ${fleet.clientKey}` }),
      },
      {
        label: 'an unknown version on /models',
        url: () => `${base()}/models/chat/completions?api-version=2023-01-01`,
        headers: () => ({ 'api-key': fleet.clientKey, authorization: `Bearer ${fleet.clientKey}` }),
      },
    ];
    for (const { label, url, headers } of cases) {
      it(`answers ${label} with 404 Resource not found`, async () => {
        const answer = await rawCall(url(), { headers: headers(), body: openAiChatBody('chat-openai') });
        assert.equal(answer.status, 404, answer.text);
        assertRequestIds(answer, true);
        assert.deepEqual(answer.json, { error: { code: '404', message: 'Resource not found' } });
        assert.equal(answer.headers['x-ms-error-code'], '404');
        assert.equal(fleet.openai.requests.length, 0);
      });
    }

    it('answers /models without an api-version with 400 naming it', async () => {
      const answer = await rawCall(`${base()}/models/chat/completions`, {
        headers: { 'api-key': fleet.clientKey },
        body: openAiChatBody('chat-openai'),
      });
      assert.equal(answer.status, 400, answer.text);
      assertRequestIds(answer, true);
      assert.match(errorOf(answer).message ?? '', /api-version/);
    });

    it('serves the versions it accepts', async () => {
      for (const url of [
        `${base()}/openai/deployments/chat-openai/chat/completions?api-version=2024-10-21`,
        `${base()}/openai/deployments/chat-openai/chat/completions?api-version=2025-01-01-preview`,
        `${base()}/openai/v1/chat/completions?api-version=preview`,
        `${base()}/openai/v1/chat/completions`,
        `${base()}/models/chat/completions?api-version=2024-05-01-preview`,
      ]) {
        const answer = await rawCall(url, {
          headers: { 'api-key': fleet.clientKey },
          body: openAiChatBody('chat-openai'),
        });
        assert.equal(answer.status, 200, `${url}: ${answer.text}`);
      }
    });
  });
});
