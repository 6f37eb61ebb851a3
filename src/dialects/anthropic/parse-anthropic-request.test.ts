import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';
import { anthropicDialect } from './anthropic-dialect.js';

function parse(body: JsonValue) {
  return anthropicDialect.parseChat({ body, headers: {}, query: {} });
}

const base: JsonObject = { model: 'claude-sonnet-4', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

describe('Anthropic request parsing', () => {
  it('parses a full conversation into canonical messages', () => {
    const parsed = parse({
      model: 'claude-sonnet-4',
      max_tokens: 1024,
      system: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Answer in English.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Look up the weather.', signature: 'sig' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '21C' }] },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_2', name: 'weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content: '19C', is_error: false }] },
      ],
      stop_sequences: ['END'],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      tools: [{ name: 'weather', description: 'Weather by city', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      metadata: { user_id: 'user-9' },
      thinking: { type: 'enabled', budget_tokens: 512 },
      stream: true,
    });
    assert.equal(parsed.unknownParameters, 'error');
    assert.deepStrictEqual(parsed.request, {
      model: 'claude-sonnet-4',
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'You are terse.' },
            { type: 'text', text: 'Answer in English.', cacheControl: { type: 'ephemeral' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image', url: 'data:image/png;base64,iVBOR' },
            { type: 'image', url: 'https://example.com/a.jpg' },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking.',
          reasoningContent: 'Look up the weather.',
          toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' }],
        },
        { role: 'tool', toolCallId: 'toolu_1', content: [{ type: 'text', text: '21C' }] },
        { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
        { role: 'assistant', content: null, toolCalls: [{ id: 'toolu_2', name: 'weather', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'toolu_2', content: '19C' },
      ],
      stream: true,
      includeUsage: true,
      maxOutputTokens: 1024,
      maxOutputTokensField: 'max_tokens',
      stop: ['END'],
      temperature: 0.3,
      topP: 0.9,
      tools: [{ type: 'function', name: 'weather', description: 'Weather by city', parameters: { type: 'object' } }],
      toolChoice: 'required',
      parallelToolCalls: false,
      user: 'user-9',
      extra: { top_k: 40, thinking: { type: 'enabled', budget_tokens: 512 } },
      extraFormat: 'anthropic',
    });
  });

  it('maps the tool_choice forms', () => {
    assert.equal(parse({ ...base, tool_choice: { type: 'auto' } }).request.toolChoice, 'auto');
    assert.equal(parse({ ...base, tool_choice: { type: 'none' } }).request.toolChoice, 'none');
    assert.deepStrictEqual(parse({ ...base, tool_choice: { type: 'tool', name: 'weather' } }).request.toolChoice, {
      type: 'function',
      name: 'weather',
    });
    assert.equal('parallelToolCalls' in parse({ ...base, tool_choice: { type: 'auto' } }).request, false);
  });

  it('keeps a plain system string and string content', () => {
    assert.deepStrictEqual(parse({ ...base, system: 'Be kind.' }).request.messages, [
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('joins system blocks into one string when none marks a cache breakpoint', () => {
    const system = [
      { type: 'text', text: 'You are terse.' },
      { type: 'text', text: 'Answer in English.' },
    ];
    assert.deepStrictEqual(parse({ ...base, system }).request.messages[0], {
      role: 'system',
      content: 'You are terse.\nAnswer in English.',
    });
  });

  it('keeps cache_control on message blocks, tool calls, tool results and tools', () => {
    const ephemeral = { type: 'ephemeral' };
    const hour = { type: 'ephemeral', ttl: '1h' };
    const parsed = parse({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Long document', cache_control: hour },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' }, cache_control: ephemeral },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.', cache_control: ephemeral },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {}, cache_control: ephemeral },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: '21C', cache_control: { type: 'ephemeral', ttl: '5m' } }],
              cache_control: ephemeral,
            },
          ],
        },
      ],
      tools: [{ name: 'weather', input_schema: { type: 'object' }, cache_control: ephemeral }],
    }).request;
    assert.deepStrictEqual(parsed.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Long document', cacheControl: { type: 'ephemeral', ttl: '1h' } },
          { type: 'image', url: 'https://example.com/a.jpg', cacheControl: { type: 'ephemeral' } },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Checking.', cacheControl: { type: 'ephemeral' } }],
        toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: '{}', cacheControl: { type: 'ephemeral' } }],
      },
      {
        role: 'tool',
        toolCallId: 'toolu_1',
        content: [{ type: 'text', text: '21C', cacheControl: { type: 'ephemeral', ttl: '5m' } }],
        cacheControl: { type: 'ephemeral' },
      },
    ]);
    assert.deepStrictEqual(parsed.tools, [
      { type: 'function', name: 'weather', parameters: { type: 'object' }, cacheControl: { type: 'ephemeral' } },
    ]);
  });

  const invalid: [string, JsonValue, string, string | undefined][] = [
    [
      'cache_control of another type',
      { ...base, system: [{ type: 'text', text: 'x', cache_control: { type: 'persistent' } }] },
      'invalid_request',
      'system[0].cache_control.type',
    ],
    [
      'cache_control with a ttl Anthropic lacks',
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '2h' } }] },
        ],
      },
      'invalid_request',
      'messages[0].content[0].cache_control.ttl',
    ],
    [
      'cache_control as a string',
      { ...base, tools: [{ name: 'x', input_schema: { type: 'object' }, cache_control: 'ephemeral' }] },
      'invalid_request',
      'tools[0].cache_control',
    ],
    [
      'cache_control without a type',
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'x', cache_control: {} }] },
        ],
      },
      'invalid_request',
      'messages[0].content[0].cache_control.type',
    ],
    [
      'cache_control with an unknown field',
      {
        ...base,
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 't', name: 'f', input: {}, cache_control: { type: 'ephemeral', scope: 'x' } },
            ],
          },
        ],
      },
      'invalid_request',
      'messages[0].content[0].cache_control.scope',
    ],
    ['missing model', { max_tokens: 1, messages: base.messages! }, 'missing_model', 'model'],
    ['missing max_tokens', { model: 'm', messages: base.messages! }, 'invalid_request', 'max_tokens'],
    ['zero max_tokens', { ...base, max_tokens: 0 }, 'invalid_request', 'max_tokens'],
    ['empty messages', { ...base, messages: [] }, 'invalid_request', 'messages'],
    [
      'system role in messages',
      { ...base, messages: [{ role: 'system', content: 'x' }] },
      'invalid_request',
      'messages[0].role',
    ],
    ['temperature above 1', { ...base, temperature: 1.5 }, 'invalid_request', 'temperature'],
    ['negative top_k', { ...base, top_k: -1 }, 'invalid_request', 'top_k'],
    ['stop_sequences as a string', { ...base, stop_sequences: 'END' }, 'invalid_request', 'stop_sequences'],
    [
      'document block',
      { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] },
      'unsupported_parameter',
      'messages[0].content[0].type',
    ],
    [
      'file image source',
      { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] },
      'unsupported_parameter',
      'messages[0].content[0].source.type',
    ],
    [
      'tool_result without id',
      { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] },
      'invalid_request',
      'messages[0].content[0].tool_use_id',
    ],
    [
      'server tool',
      { ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
      'unsupported_parameter',
      'tools[0].type',
    ],
    ['tool without input_schema', { ...base, tools: [{ name: 'x' }] }, 'invalid_request', 'tools[0].input_schema'],
    ['unknown tool_choice', { ...base, tool_choice: { type: 'required' } }, 'invalid_request', 'tool_choice.type'],
    ['tool choice without name', { ...base, tool_choice: { type: 'tool' } }, 'invalid_request', 'tool_choice.name'],
    ['metadata.user_id as a number', { ...base, metadata: { user_id: 5 } }, 'invalid_request', 'metadata.user_id'],
  ];
  for (const [name, body, code, param] of invalid) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => parse(body),
        (error: unknown) =>
          error instanceof GatewayError && error.code === code && error.status === 400 && error.param === param,
      );
    });
  }

  it('has no embeddings endpoint', () => {
    assert.throws(
      () => anthropicDialect.parseEmbeddings({ body: {}, headers: {}, query: {} }),
      (error: unknown) => error instanceof GatewayError && error.code === 'not_found' && error.status === 404,
    );
  });
});
