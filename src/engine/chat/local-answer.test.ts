import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LlamaGrammar } from 'node-llama-cpp';
import type { ChatStreamEvent, JsonObject } from '../../spec/index.js';
import { prepareJsonSchema } from '../json-schema/index.js';
import { LocalAnswer } from './local-answer.js';
import type { LocalTool } from './plan-local-tools.js';
import type { LocalOutputMode } from './prepared-local-chat.js';

// The grammar only matters to llama.cpp; these tests drive the answer's bookkeeping directly.
const GRAMMAR = {} as LlamaGrammar;

const TOGGLE_PARAMETERS: JsonObject = {
  type: 'object',
  properties: { on: { type: 'boolean' } },
  required: ['on'],
  additionalProperties: false,
};
const TOGGLE: LocalTool = {
  name: 'toggle',
  description: undefined,
  parameters: TOGGLE_PARAMETERS,
  preparedParameters: prepareJsonSchema(TOGGLE_PARAMETERS, 'tools[0].function.parameters'),
};

function answerIn(mode: LocalOutputMode): { answer: LocalAnswer; events: ChatStreamEvent[]; outputs: () => number } {
  const events: ChatStreamEvent[] = [];
  let outputs = 0;
  const answer = new LocalAnswer(
    mode,
    'tiny',
    (event) => events.push(event),
    () => outputs++,
  );
  return { answer, events, outputs: () => outputs };
}

const forced: LocalOutputMode = { kind: 'forced-tool', grammar: GRAMMAR, tools: new Map([['toggle', TOGGLE]]) };
const json: LocalOutputMode = {
  kind: 'json',
  grammar: GRAMMAR,
  schema: prepareJsonSchema({ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] }, 'schema'),
};

describe('LocalAnswer', () => {
  it('streams text and thoughts, skipping empty chunks, and maps the stop reason', () => {
    const { answer, events, outputs } = answerIn({ kind: 'text' });
    answer.reasoning('Hm', 2);
    answer.text('');
    answer.text('Hi');
    assert.equal(answer.finish({ stopReason: 'customStopTrigger', text: 'Hi', functionCalls: [] }), true);
    assert.deepEqual(events, [
      { type: 'reasoning-delta', choice: 0, delta: 'Hm' },
      { type: 'text-delta', choice: 0, delta: 'Hi' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop' } },
    ]);
    assert.equal(answer.reasoningTokens, 2);
    assert.equal(outputs(), 3);
  });

  it("streams the model's own function calls, completing those whose parameters never streamed", () => {
    const { answer, events } = answerIn({
      kind: 'auto-tools',
      plan: { kind: 'auto', tools: new Map(), functions: {} },
    });
    answer.functionCallChunk({ callIndex: 0, functionName: 'toggle', paramsChunk: '{"on": ', done: false });
    answer.functionCallChunk({ callIndex: 0, functionName: 'toggle', paramsChunk: 'true}', done: true });
    answer.finish({
      stopReason: 'functionCalls',
      text: '',
      functionCalls: [
        { name: 'toggle', params: { on: true } },
        { name: 'now', params: undefined },
      ],
    });
    const shapes = events.map((event) =>
      event.type === 'tool-call-start'
        ? `start ${event.toolIndex} ${event.name}`
        : event.type === 'tool-call-delta'
          ? `delta ${event.toolIndex} ${event.argumentsDelta}`
          : event.type === 'choice-finish'
            ? `finish ${event.finishReason.unified}`
            : event.type,
    );
    assert.deepEqual(shapes, [
      'start 0 toggle',
      'delta 0 {"on": ',
      'delta 0 true}',
      'start 1 now',
      'delta 1 {}',
      'finish tool_calls',
    ]);
  });

  it('holds a forced call until it is complete, then emits it as one tool call', () => {
    const { answer, events } = answerIn(forced);
    answer.text('{"name": "toggle", ');
    answer.text('"arguments": {"on": false}}');
    assert.equal(events.length, 0);
    assert.equal(
      answer.finish({
        stopReason: 'eogToken',
        text: '{"name": "toggle", "arguments": {"on": false}}',
        functionCalls: [],
      }),
      true,
    );
    const [start, delta, finish] = events;
    assert.ok(start?.type === 'tool-call-start' && start.name === 'toggle' && start.id.startsWith('call_'));
    assert.deepEqual(delta, { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{"on":false}' });
    assert.deepEqual(finish, {
      type: 'choice-finish',
      choice: 0,
      finishReason: { unified: 'tool_calls', raw: 'tool_calls' },
    });
  });

  it('ends a forced call that breaks its schema with an error instead of a finish', () => {
    for (const text of ['{"name": "toggle", "arguments": {"on": 1}}', '{"name": "other", "arguments": {}}', 'nope']) {
      const { answer, events } = answerIn(forced);
      assert.equal(answer.finish({ stopReason: 'eogToken', text, functionCalls: [] }), false);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.ok(event?.type === 'error');
      assert.equal(event.error.code, 'upstream_error');
    }
  });

  it('shows a forced call cut by max_tokens as text, with finish length', () => {
    const { answer, events } = answerIn(forced);
    answer.text('{"name": "tog');
    answer.finish({ stopReason: 'maxTokens', text: '{"name": "tog', functionCalls: [] });
    assert.deepEqual(events, [
      { type: 'text-delta', choice: 0, delta: '{"name": "tog' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'length', raw: 'length' } },
    ]);
  });

  it('checks a JSON answer against its schema, except when it was cut short or aborted', () => {
    const valid = answerIn(json);
    assert.equal(valid.answer.finish({ stopReason: 'eogToken', text: '{"a": 1}', functionCalls: [] }), true);
    const invalid = answerIn(json);
    assert.equal(invalid.answer.finish({ stopReason: 'eogToken', text: '{"a": 1.5}', functionCalls: [] }), false);
    const [error] = invalid.events;
    assert.ok(error?.type === 'error');
    assert.match(error.error.message, /response_format schema/);
    const cut = answerIn(json);
    cut.answer.finish({ stopReason: 'maxTokens', text: '{"a": ', functionCalls: [] });
    assert.deepEqual(cut.events.at(-1), {
      type: 'choice-finish',
      choice: 0,
      finishReason: { unified: 'length', raw: 'length' },
    });
    const aborted = answerIn(json);
    aborted.answer.finish({ stopReason: 'abort', text: '{', functionCalls: [] });
    assert.deepEqual(aborted.events.at(-1), {
      type: 'choice-finish',
      choice: 0,
      finishReason: { unified: 'stop', raw: 'abort' },
    });
  });
});
