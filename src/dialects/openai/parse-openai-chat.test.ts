import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';
import { openAiDialect } from './openai-dialect.js';

function parse(body: JsonValue) {
  return openAiDialect.parseChat({ body, headers: {}, query: {} });
}

const messages = [{ role: 'user', content: 'Hi' }];
const base: JsonObject = { model: 'gpt-4o', messages };

describe('OpenAI chat parsing', () => {
  it('parses every canonical setting and keeps unknown keys in extra', () => {
    const parsed = parse({
      ...base,
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'system', content: [{ type: 'text', text: 'Sys' }], name: 'rules' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'AAA=', format: 'wav' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'thinking',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '42' },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
      ],
      max_completion_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      n: 2,
      stop: 'END',
      seed: -7,
      presence_penalty: -2,
      frequency_penalty: 2,
      logprobs: true,
      top_logprobs: 20,
      tools: [
        {
          type: 'function',
          function: { name: 'f', description: 'does f', parameters: { type: 'object' }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'high',
      user: 'u-1',
      stream: true,
      stream_options: { include_usage: true },
      store: true,
      metadata: { a: 'b' },
      temperature_unknown: null,
    });
    assert.equal(parsed.unknownParameters, 'error');
    assert.deepStrictEqual(parsed.request, {
      model: 'gpt-4o',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'system', content: [{ type: 'text', text: 'Sys' }], name: 'rules' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', url: 'https://x/y.png', detail: 'low' },
            { type: 'audio', data: 'AAA=', format: 'wav' },
          ],
        },
        {
          role: 'assistant',
          content: null,
          reasoningContent: 'thinking',
          toolCalls: [{ id: 'call_1', name: 'f', arguments: '{"a":1}' }],
        },
        { role: 'tool', toolCallId: 'call_1', content: '42' },
        { role: 'assistant', content: [], refusal: 'No.' },
      ],
      stream: true,
      includeUsage: true,
      maxOutputTokens: 100,
      maxOutputTokensField: 'max_completion_tokens',
      temperature: 0.5,
      topP: 0.9,
      n: 2,
      stop: ['END'],
      seed: -7,
      presencePenalty: -2,
      frequencyPenalty: 2,
      logprobs: true,
      topLogprobs: 20,
      tools: [{ type: 'function', name: 'f', description: 'does f', parameters: { type: 'object' }, strict: true }],
      toolChoice: { type: 'function', name: 'f' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 's', schema: { type: 'object' }, strict: true },
      reasoningEffort: 'high',
      user: 'u-1',
      extra: { store: true, metadata: { a: 'b' }, temperature_unknown: null },
    });
  });

  it('keeps a minimal request minimal', () => {
    assert.deepStrictEqual(parse(base).request, {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
      includeUsage: false,
      extra: {},
    });
  });

  it('records max_tokens as the field used and treats null settings as absent', () => {
    const { request } = parse({ ...base, max_tokens: 5, temperature: null, stop: null, tools: null });
    assert.equal(request.maxOutputTokens, 5);
    assert.equal(request.maxOutputTokensField, 'max_tokens');
    assert.equal('temperature' in request, false);
    assert.equal('stop' in request, false);
  });

  it('asks for usage only when streaming with include_usage', () => {
    assert.equal(parse({ ...base, stream_options: { include_usage: true } }).request.includeUsage, false);
    assert.equal(parse({ ...base, stream: true }).request.includeUsage, false);
    assert.equal(
      parse({ ...base, stream: true, stream_options: { include_usage: false } }).request.includeUsage,
      false,
    );
  });

  it('accepts the tool_choice strings and plain response formats', () => {
    for (const choice of ['none', 'auto', 'required'] as const) {
      assert.equal(parse({ ...base, tool_choice: choice }).request.toolChoice, choice);
    }
    assert.deepStrictEqual(parse({ ...base, response_format: { type: 'json_object' } }).request.responseFormat, {
      type: 'json_object',
    });
  });

  const invalid: { name: string; body: JsonValue; code: string; param: string | undefined }[] = [
    { name: 'body not an object', body: [], code: 'invalid_request', param: undefined },
    { name: 'missing model', body: { messages }, code: 'missing_model', param: 'model' },
    { name: 'empty model', body: { ...base, model: '' }, code: 'missing_model', param: 'model' },
    { name: 'model not a string', body: { ...base, model: 5 }, code: 'invalid_request', param: 'model' },
    { name: 'missing messages', body: { model: 'm' }, code: 'invalid_request', param: 'messages' },
    { name: 'empty messages', body: { model: 'm', messages: [] }, code: 'invalid_request', param: 'messages' },
    {
      name: 'unknown role',
      body: { model: 'm', messages: [{ role: 'bot', content: 'x' }] },
      code: 'invalid_request',
      param: 'messages[0].role',
    },
    {
      name: 'legacy function role',
      body: { model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] },
      code: 'invalid_request',
      param: 'messages[0].role',
    },
    {
      name: 'tool message without tool_call_id',
      body: { model: 'm', messages: [{ role: 'tool', content: 'x' }] },
      code: 'invalid_request',
      param: 'messages[0].tool_call_id',
    },
    {
      name: 'bad part type',
      body: {
        model: 'm',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
          { role: 'user', content: [{ type: 'video' }] },
        ],
      },
      code: 'invalid_request',
      param: 'messages[2].content[0].type',
    },
    {
      name: 'image in a system message',
      body: { model: 'm', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'u' } }] }] },
      code: 'invalid_request',
      param: 'messages[0].content[0].type',
    },
    {
      name: 'file part',
      body: { model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: {} }] }] },
      code: 'unsupported_parameter',
      param: 'messages[0].content[0].type',
    },
    {
      name: 'content of the wrong type',
      body: { model: 'm', messages: [{ role: 'user', content: 5 }] },
      code: 'invalid_request',
      param: 'messages[0].content',
    },
    {
      name: 'bad image detail',
      body: {
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', detail: 'max' } }] }],
      },
      code: 'invalid_request',
      param: 'messages[0].content[0].image_url.detail',
    },
    {
      name: 'tool call without id',
      body: {
        model: 'm',
        messages: [{ role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f' } }] }],
      },
      code: 'invalid_request',
      param: 'messages[0].tool_calls[0].id',
    },
    {
      name: 'assistant without content or tool calls',
      body: { model: 'm', messages: [{ role: 'assistant' }] },
      code: 'invalid_request',
      param: 'messages[0].content',
    },
    { name: 'temperature above 2', body: { ...base, temperature: 2.5 }, code: 'invalid_request', param: 'temperature' },
    { name: 'temperature as text', body: { ...base, temperature: '1' }, code: 'invalid_request', param: 'temperature' },
    { name: 'top_p above 1', body: { ...base, top_p: 1.1 }, code: 'invalid_request', param: 'top_p' },
    { name: 'n of 0', body: { ...base, n: 0 }, code: 'invalid_request', param: 'n' },
    { name: 'fractional n', body: { ...base, n: 1.5 }, code: 'invalid_request', param: 'n' },
    { name: 'max_tokens of 0', body: { ...base, max_tokens: 0 }, code: 'invalid_request', param: 'max_tokens' },
    {
      name: 'fractional max_completion_tokens',
      body: { ...base, max_completion_tokens: 1.5 },
      code: 'invalid_request',
      param: 'max_completion_tokens',
    },
    {
      name: 'five stop sequences',
      body: { ...base, stop: ['a', 'b', 'c', 'd', 'e'] },
      code: 'invalid_request',
      param: 'stop',
    },
    { name: 'stop item not a string', body: { ...base, stop: ['a', 1] }, code: 'invalid_request', param: 'stop[1]' },
    { name: 'fractional seed', body: { ...base, seed: 1.5 }, code: 'invalid_request', param: 'seed' },
    {
      name: 'presence_penalty below -2',
      body: { ...base, presence_penalty: -3 },
      code: 'invalid_request',
      param: 'presence_penalty',
    },
    {
      name: 'frequency_penalty above 2',
      body: { ...base, frequency_penalty: 3 },
      code: 'invalid_request',
      param: 'frequency_penalty',
    },
    { name: 'logprobs as text', body: { ...base, logprobs: 'yes' }, code: 'invalid_request', param: 'logprobs' },
    {
      name: 'top_logprobs above 20',
      body: { ...base, top_logprobs: 21 },
      code: 'invalid_request',
      param: 'top_logprobs',
    },
    { name: 'tools not an array', body: { ...base, tools: {} }, code: 'invalid_request', param: 'tools' },
    {
      name: 'tool without name',
      body: { ...base, tools: [{ type: 'function', function: {} }] },
      code: 'invalid_request',
      param: 'tools[0].function.name',
    },
    {
      name: 'custom tool',
      body: { ...base, tools: [{ type: 'custom', custom: { name: 'x' } }] },
      code: 'unsupported_parameter',
      param: 'tools[0].type',
    },
    {
      name: 'unknown tool_choice',
      body: { ...base, tool_choice: 'any' },
      code: 'invalid_request',
      param: 'tool_choice',
    },
    {
      name: 'tool_choice without a name',
      body: { ...base, tool_choice: { type: 'function', function: {} } },
      code: 'invalid_request',
      param: 'tool_choice.function.name',
    },
    {
      name: 'json_schema without name',
      body: { ...base, response_format: { type: 'json_schema', json_schema: { schema: {} } } },
      code: 'invalid_request',
      param: 'response_format.json_schema.name',
    },
    {
      name: 'unknown response_format',
      body: { ...base, response_format: { type: 'xml' } },
      code: 'invalid_request',
      param: 'response_format.type',
    },
    { name: 'stream as text', body: { ...base, stream: 'true' }, code: 'invalid_request', param: 'stream' },
    {
      name: 'include_usage as text',
      body: { ...base, stream: true, stream_options: { include_usage: 1 } },
      code: 'invalid_request',
      param: 'stream_options.include_usage',
    },
    { name: 'user as a number', body: { ...base, user: 1 }, code: 'invalid_request', param: 'user' },
    {
      name: 'reasoning_effort as a number',
      body: { ...base, reasoning_effort: 1 },
      code: 'invalid_request',
      param: 'reasoning_effort',
    },
  ];

  for (const testCase of invalid) {
    it(`refuses ${testCase.name}`, () => {
      assert.throws(
        () => parse(testCase.body),
        (error: unknown) => {
          assert.ok(error instanceof GatewayError);
          assert.equal(error.code, testCase.code);
          assert.equal(error.status, 400);
          assert.equal(error.param, testCase.param);
          if (testCase.param !== undefined && testCase.code !== 'missing_model')
            assert.match(error.message, new RegExp(`'${escape(testCase.param)}'`));
          return true;
        },
      );
    });
  }

  it('names the range in the message', () => {
    assert.throws(() => parse({ ...base, temperature: 3 }), {
      message: "'temperature' must be a number between 0 and 2.",
    });
    assert.throws(() => parse({ ...base, max_tokens: -1 }), { message: "'max_tokens' must be a positive integer." });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
