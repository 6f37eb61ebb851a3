import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { ChatResult, JsonObject } from '../../spec/index.js';
import type { InboundRequest } from '../dialect.js';
import { modelNotFoundError } from '../shared/model-not-found-error.js';
import { azureInferenceDialect } from './azure-inference-dialect.js';
import { renderModelInfo } from './render-model-info.js';

const messages = [{ role: 'user', content: 'Hi' }];
const body: JsonObject = { model: 'phi-4', messages };
const query = { 'api-version': '2025-04-01' };

function parse(input: Partial<InboundRequest>) {
  return azureInferenceDialect.parseChat({ body, headers: {}, query, ...input });
}

function refusedWith(code: string, param?: string) {
  return (error: unknown) =>
    error instanceof GatewayError && error.code === code && (param === undefined || error.param === param);
}

describe('Azure AI Inference parsing', () => {
  it('parses the schema parameters and always asks for usage', () => {
    const parsed = parse({
      body: { ...body, temperature: 0.7, max_tokens: 10, stop: 'x', seed: 1, stream: true },
    });
    assert.deepStrictEqual(parsed, {
      request: {
        model: 'phi-4',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
        includeUsage: true,
        maxOutputTokens: 10,
        maxOutputTokensField: 'max_tokens',
        temperature: 0.7,
        stop: ['x'],
        seed: 1,
        extra: {},
      },
      unknownParameters: 'error',
    });
  });

  it('requires api-version (400) and knows only the published ones (404)', () => {
    assert.throws(() => parse({ query: {} }), refusedWith('invalid_request', 'api-version'));
    assert.throws(() => parse({ query: { 'api-version': '2024-10-21' } }), refusedWith('unsupported_api_version'));
    for (const version of ['2024-05-01-preview', '2025-04-01', '2024-04-01-preview']) {
      assert.equal(parse({ query: { 'api-version': version } }).request.model, 'phi-4');
    }
  });

  it('reads the model from the header when the body has none', () => {
    const parsed = parse({ body: { messages }, headers: { 'x-ms-model-mesh-model-name': 'DeepSeek-R1' } });
    assert.equal(parsed.request.model, 'DeepSeek-R1');
    assert.throws(() => parse({ body: { messages } }), refusedWith('missing_model'));
  });

  it('refuses unknown parameters by default, listing them', () => {
    assert.throws(
      () => parse({ body: { ...body, n: 2, safe_prompt: true } }),
      (error: unknown) =>
        error instanceof GatewayError &&
        error.code === 'unknown_parameter' &&
        error.status === 400 &&
        error.message.includes("['n', 'safe_prompt']"),
    );
  });

  it('drops or passes extras as the extra-parameters header says, legacy spellings included', () => {
    const extraBody = { ...body, safe_prompt: true };
    const cases: [Record<string, string>, 'drop' | 'pass-through' | 'error', JsonObject][] = [
      [{ 'extra-parameters': 'drop' }, 'drop', {}],
      [{ 'extra-parameters': 'pass-through' }, 'pass-through', { safe_prompt: true }],
      [{ 'extra-parameters': 'allow' }, 'pass-through', { safe_prompt: true }],
      [{ 'unknown-parameters': 'ignore' }, 'drop', {}],
      [{ 'unknown-parameters': 'allow' }, 'pass-through', { safe_prompt: true }],
      [{ 'extra-parameters': 'drop', 'unknown-parameters': 'allow' }, 'drop', {}],
    ];
    for (const [headers, mode, extra] of cases) {
      const parsed = parse({ body: extraBody, headers });
      assert.equal(parsed.unknownParameters, mode);
      assert.deepStrictEqual(parsed.request.extra, extra);
    }
    assert.equal(parse({ headers: { 'unknown-parameters': 'error' } }).unknownParameters, 'error');
    assert.throws(
      () => parse({ headers: { 'extra-parameters': 'maybe' } }),
      refusedWith('invalid_request', 'extra-parameters'),
    );
  });

  it('validates the values it knows', () => {
    assert.throws(() => parse({ body: { ...body, top_p: 2 } }), refusedWith('invalid_request', 'top_p'));
    assert.throws(
      () =>
        parse({
          body: { ...body, messages: [{ role: 'user', content: [{ type: 'audio_url', audio_url: { url: 'u' } }] }] },
        }),
      refusedWith('unsupported_parameter', 'messages[0].content[0].type'),
    );
  });
});

describe('Azure AI Inference rendering', () => {
  const result: ChatResult = {
    id: 'abc',
    created: 1700000000,
    upstreamModel: 'DeepSeek-R1',
    choices: [{ index: 0, content: '4', reasoningContent: '2+2', finishReason: { unified: 'stop', raw: 'stop' } }],
    usage: { input: 5, cachedInput: 0, cacheWriteInput: 0, output: 1, reasoning: 3, raw: null },
  };
  const renderContext = (version: string) => ({
    requestId: 'r',
    request: { model: 'DeepSeek-R1', messages: [], stream: false, includeUsage: true, extra: {} },
    query: { 'api-version': version },
  });

  it('renders reasoning_content on 2025-04-01 and <think> inline on 2024-05-01-preview', () => {
    const current = azureInferenceDialect.renderChat(result, renderContext('2025-04-01'));
    assert.equal(current.object, 'chat.completion');
    assert.deepStrictEqual((current.choices as JsonObject[])[0]?.message, {
      role: 'assistant',
      content: '4',
      reasoning_content: '2+2',
      refusal: null,
    });
    const preview = azureInferenceDialect.renderChat(result, renderContext('2024-05-01-preview'));
    assert.deepStrictEqual((preview.choices as JsonObject[])[0]?.message, {
      role: 'assistant',
      content: '<think>2+2</think>4',
      refusal: null,
    });
  });

  it('renders embeddings with id and object, base64 on request', () => {
    const parsed = azureInferenceDialect.parseEmbeddings({
      body: { input: 'hello', input_type: 'query', dimensions: 2, encoding_format: 'float' },
      headers: { 'x-ms-model-mesh-model-name': 'cohere-embed' },
      query,
    });
    assert.deepStrictEqual(parsed.request, {
      model: 'cohere-embed',
      input: ['hello'],
      encodingFormat: 'float',
      dimensions: 2,
      inputType: 'query',
      extra: {},
    });
    const rendered = azureInferenceDialect.renderEmbeddings(
      { upstreamModel: 'cohere-embed', embeddings: [[0.25, 1]], usage: { ...result.usage, output: 0, reasoning: 0 } },
      { requestId: 'req-3', request: parsed.request, query },
    );
    assert.deepStrictEqual(rendered, {
      id: 'req-3',
      object: 'list',
      data: [{ object: 'embedding', embedding: [0.25, 1], index: 0 }],
      model: 'cohere-embed',
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });
  });

  it('refuses embedding formats and input types it cannot serve', () => {
    const embed = (extra: JsonObject) => () =>
      azureInferenceDialect.parseEmbeddings({ body: { model: 'e', input: ['x'], ...extra }, headers: {}, query });
    assert.throws(embed({ encoding_format: 'int8' }), refusedWith('unsupported_parameter', 'encoding_format'));
    assert.throws(embed({ encoding_format: 'weird' }), refusedWith('invalid_request', 'encoding_format'));
    assert.throws(embed({ input_type: 'image' }), refusedWith('invalid_request', 'input_type'));
    assert.throws(embed({ input: [] }), refusedWith('invalid_request', 'input'));
    assert.throws(embed({ input: [1] }), refusedWith('invalid_request', 'input[0]'));
    assert.throws(embed({ truncate: 'END' }), refusedWith('unknown_parameter', 'truncate'));
  });

  it('renders /models/info', () => {
    assert.deepStrictEqual(renderModelInfo({ modelName: 'phi-4', modelProviderName: 'Microsoft' }), {
      model_name: 'phi-4',
      model_type: 'chat-completion',
      model_provider_name: 'Microsoft',
    });
    assert.equal(
      renderModelInfo({ modelName: 'e', modelProviderName: 'Cohere', modelType: 'embeddings' }).model_type,
      'embeddings',
    );
  });
});

describe('Azure AI Inference errors', () => {
  const render = (error: GatewayError) => azureInferenceDialect.renderError(error, 'req-5');

  it('renders no_model_name with its exact text', () => {
    const message =
      'No model specified in request. Please provide a model name in the request body or as a x-ms-model-mesh-model-name header.';
    let thrown: unknown;
    try {
      parse({ body: { messages: [{ role: 'user', content: 'x' }] } });
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof GatewayError);
    assert.deepStrictEqual(render(thrown), {
      status: 400,
      headers: { 'apim-request-id': 'req-5', 'x-ms-error-code': 'no_model_name' },
      body: { error: { code: 'no_model_name', message, details: message } },
    });
  });

  it('renders unknown_model with the name', () => {
    assert.deepStrictEqual(render(modelNotFoundError('/Phi-3.5-MoE-instruct')), {
      status: 404,
      headers: { 'apim-request-id': 'req-5', 'x-ms-error-code': 'unknown_model' },
      body: {
        error: {
          code: 'unknown_model',
          message: 'Unknown model: /Phi-3.5-MoE-instruct',
          details: 'Unknown model: /Phi-3.5-MoE-instruct',
        },
      },
    });
  });

  it('renders unknown api-versions as a plain 404, and other errors as code and message', () => {
    assert.deepStrictEqual(render(new GatewayError('unsupported_api_version', 'x')).body, {
      error: { code: '404', message: 'Resource not found' },
    });
    const limited = render(new GatewayError('upstream_rate_limited', 'Busy.', { retryAfterMs: 2000 }));
    assert.deepStrictEqual(limited, {
      status: 429,
      headers: {
        'apim-request-id': 'req-5',
        'x-ms-error-code': 'upstream_rate_limited',
        'retry-after': '2',
        'retry-after-ms': '2000',
      },
      body: { error: { code: 'upstream_rate_limited', message: 'Busy.' } },
    });
  });
});
