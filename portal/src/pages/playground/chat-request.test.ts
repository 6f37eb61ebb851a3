import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, EXAMPLE_TOOLS, buildChatBody, parseTools, settingsProblems } from './chat-request';
import { messagesOf, pendingToolCalls, type Entry, type ReplyEntry } from './conversation';

const reply = (patch: Partial<ReplyEntry>): ReplyEntry => ({
  kind: 'reply',
  id: 0,
  deployment: 'chat',
  content: '',
  reasoning: '',
  toolCalls: [],
  status: 'done',
  error: null,
  finishReason: 'stop',
  usage: null,
  latencyMs: 10,
  firstTokenMs: 5,
  cost: { state: 'pending' },
  ...patch,
});

describe('parseTools', () => {
  it('takes an empty box as no tools and the example as one function tool', () => {
    assert.deepEqual(parseTools('  '), { tools: undefined });
    const parsed = parseTools(EXAMPLE_TOOLS);
    assert.ok('tools' in parsed);
    assert.equal(parsed.tools?.[0]?.function.name, 'get_weather');
  });

  it('wraps a bare function object in a tool', () => {
    assert.deepEqual(parseTools('{"name":"now","parameters":{"type":"object","properties":{}}}'), {
      tools: [{ type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } }],
    });
  });

  it('says what is wrong, by tool', () => {
    const problem = (text: string) => {
      const parsed = parseTools(text);
      return 'problem' in parsed ? parsed.problem : 'no problem';
    };
    assert.match(problem('[{'), /not valid JSON/);
    assert.match(problem('[]'), /empty list/);
    assert.match(problem('[1]'), /Tool 1 is not an object/);
    assert.match(problem('[{"type":"retrieval"}]'), /type must be "function"/);
    assert.match(problem('[{"type":"function","function":{"name":"has space"}}]'), /function name/);
    assert.match(problem('[{"type":"function","function":{"name":"a","parameters":[]}}]'), /JSON Schema object/);
    assert.match(problem('[{"name":"a"},{"name":"a"}]'), /Two tools are named a/);
  });
});

describe('buildChatBody', () => {
  it('sends only the settings that were set, streaming with usage', () => {
    const body = buildChatBody('chat', DEFAULT_SETTINGS, [{ role: 'user', content: 'hi' }], undefined);
    assert.deepEqual(body, {
      model: 'chat',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('adds temperature, top_p, max_tokens, JSON mode and tools', () => {
    const tools = [{ type: 'function' as const, function: { name: 'now' } }];
    const body = buildChatBody(
      'chat',
      { systemPrompt: '', temperature: '0.2', topP: '0.9', maxTokens: '64', jsonMode: true, tools: '' },
      [],
      tools,
    );
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.max_tokens, 64);
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.deepEqual(body.tools, tools);
    assert.deepEqual(body.messages, [], 'an empty system prompt is not sent');
  });

  it('checks the number controls', () => {
    assert.deepEqual(settingsProblems(DEFAULT_SETTINGS), {});
    assert.deepEqual(
      Object.keys(settingsProblems({ ...DEFAULT_SETTINGS, temperature: '3', topP: 'x', maxTokens: '1.5' })),
      ['temperature', 'topP', 'maxTokens'],
    );
  });
});

describe('messagesOf', () => {
  it('leaves out failed replies and unanswered tool calls, keeps answered ones with their results', () => {
    const call = { id: 'call_1', type: 'function' as const, function: { name: 'now', arguments: '{}' } };
    const entries: Entry[] = [
      { kind: 'user', id: 1, content: 'one' },
      reply({ id: 2, status: 'failed', error: new Error('x') }),
      { kind: 'user', id: 3, content: 'two' },
      reply({ id: 4, toolCalls: [call] }),
      { kind: 'tool', id: 5, toolCallId: 'call_1', name: 'now', content: '12:00' },
      reply({ id: 6, content: 'It is noon.' }),
      { kind: 'user', id: 7, content: 'three' },
      reply({ id: 8, content: 'Let me look.', toolCalls: [call] }),
    ];
    assert.deepEqual(messagesOf(entries), [
      { role: 'user', content: 'one' },
      { role: 'user', content: 'two' },
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_1', content: '12:00' },
      { role: 'assistant', content: 'It is noon.' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'Let me look.' },
    ]);
    assert.deepEqual(pendingToolCalls(entries), [call]);
    assert.deepEqual(pendingToolCalls(entries.slice(0, 6)), []);
  });
});
