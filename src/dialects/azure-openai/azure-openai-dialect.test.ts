import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { JsonValue } from '../../spec/index.js';
import type { InboundRequest } from '../dialect.js';
import { modelNotFoundError } from '../shared/model-not-found-error.js';
import { azureOpenAiDialect } from './azure-openai-dialect.js';

const body: JsonValue = { model: 'ignored', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 9 };

function parse(input: Partial<InboundRequest>) {
  return azureOpenAiDialect.parseChat({ body, headers: {}, query: {}, ...input });
}

function refusedWith(code: string) {
  return (error: unknown) => error instanceof GatewayError && error.code === code;
}

describe('Azure OpenAI dialect', () => {
  it('takes the model from the path deployment over the body', () => {
    const parsed = parse({ pathDeployment: 'gpt4o-prod', query: { 'api-version': '2024-10-21' } });
    assert.equal(parsed.request.model, 'gpt4o-prod');
    assert.equal(parsed.request.maxOutputTokens, 9);
    assert.equal(parsed.unknownParameters, 'error');
    assert.deepStrictEqual(parsed.request.extra, {});
  });

  it('accepts GA, preview and v1 versions on deployment routes', () => {
    for (const version of [
      '2022-12-01',
      '2023-05-15',
      '2024-02-01',
      '2024-06-01',
      '2024-10-21',
      '2025-04-01-preview',
      '2023-03-15-preview',
      'preview',
      'v1',
    ]) {
      assert.equal(parse({ pathDeployment: 'd', query: { 'api-version': version } }).request.model, 'd');
    }
  });

  it('refuses a missing or unknown api-version with a 404 on deployment routes', () => {
    assert.throws(() => parse({ pathDeployment: 'd' }), refusedWith('unsupported_api_version'));
    for (const version of ['2024-10-22', '2022-06-01-preview', '2024-13-01-preview', 'latest']) {
      assert.throws(
        () => parse({ pathDeployment: 'd', query: { 'api-version': version } }),
        refusedWith('unsupported_api_version'),
      );
    }
  });

  it('lets /openai/v1 routes omit api-version and reads the body model there', () => {
    assert.equal(parse({}).request.model, 'ignored');
    assert.equal(parse({ query: { 'api-version': 'preview' } }).request.model, 'ignored');
    assert.throws(() => parse({ query: { 'api-version': '2030-01-01' } }), refusedWith('unsupported_api_version'));
    assert.throws(
      () =>
        azureOpenAiDialect.parseChat({ body: { messages: [{ role: 'user', content: 'x' }] }, headers: {}, query: {} }),
      refusedWith('missing_model'),
    );
  });

  it('parses embeddings with the deployment as model', () => {
    const parsed = azureOpenAiDialect.parseEmbeddings({
      body: { input: ['a'] },
      headers: {},
      query: { 'api-version': '2024-06-01' },
      pathDeployment: 'embedder',
    });
    assert.equal(parsed.request.model, 'embedder');
    assert.deepStrictEqual(parsed.request.input, ['a']);
  });

  it("renders Azure's bodies for 401, deployment-not-found and unknown versions", () => {
    assert.deepStrictEqual(azureOpenAiDialect.renderError(new GatewayError('invalid_api_key', 'Bad key.'), 'req-7'), {
      status: 401,
      headers: { 'apim-request-id': 'req-7', 'x-ms-error-code': '401' },
      body: {
        error: {
          code: '401',
          message:
            'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        },
      },
    });
    const missing = azureOpenAiDialect.renderError(modelNotFoundError('nope'), 'req-7');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['x-ms-error-code'], 'DeploymentNotFound');
    assert.equal((missing.body.error as { code: string }).code, 'DeploymentNotFound');
    assert.deepStrictEqual(
      azureOpenAiDialect.renderError(new GatewayError('unsupported_api_version', 'Bad version.'), 'req-7').body,
      { error: { code: '404', message: 'Resource not found' } },
    );
  });

  it('renders other errors with code, message, param and type, plus retry headers', () => {
    const error = new GatewayError('unknown_parameter', "Unknown parameter: 'foo'.", { param: 'foo' });
    assert.deepStrictEqual(azureOpenAiDialect.renderError(error, 'req-8'), {
      status: 400,
      headers: { 'apim-request-id': 'req-8', 'x-ms-error-code': 'unknown_parameter' },
      body: {
        error: {
          code: 'unknown_parameter',
          message: "Unknown parameter: 'foo'.",
          param: 'foo',
          type: 'invalid_request_error',
        },
      },
    });
    const limited = azureOpenAiDialect.renderError(
      new GatewayError('rate_limit_exceeded', 'Wait.', { retryAfterMs: 6000 }),
      'r',
    );
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '6');
    assert.equal(limited.headers['retry-after-ms'], '6000');
  });
});
