import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { SettingWarning } from '../../spec/index.js';
import { chatRequest } from '../testing/index.js';
import { buildAnthropicBody } from './anthropic-chat-request.js';
import type { BuildAnthropicBodyOptions } from './anthropic-chat-request.js';

function options(overrides: Partial<BuildAnthropicBodyOptions> = {}): BuildAnthropicBodyOptions {
  return { model: 'claude', stream: false, warnings: [], unknownParameters: 'error', ...overrides };
}

function refusal(param: string, code = 'unsupported_parameter') {
  return (error: unknown) => error instanceof GatewayError && error.code === code && error.param === param;
}

describe('Anthropic request settings', () => {
  it('refuses temperature above 1, n above 1 and JSON response formats', () => {
    assert.throws(() => buildAnthropicBody(chatRequest({ temperature: 1.5 }), options()), refusal('temperature'));
    assert.throws(() => buildAnthropicBody(chatRequest({ n: 3 }), options()), refusal('n'));
    assert.throws(
      () => buildAnthropicBody(chatRequest({ responseFormat: { type: 'json_object' } }), options()),
      (error: unknown) => refusal('response_format')(error) && /no JSON mode/.test((error as Error).message),
    );
    assert.throws(
      () => buildAnthropicBody(chatRequest({ responseFormat: { type: 'json_schema', name: 'x' } }), options()),
      refusal('response_format'),
    );
  });

  it('accepts n = 1 and temperature 1', () => {
    const body = buildAnthropicBody(chatRequest({ n: 1, temperature: 1, maxOutputTokens: 5 }), options());
    assert.equal(body.temperature, 1);
    assert.equal(body.n, undefined);
  });

  it('drops settings Anthropic lacks, with a warning each', () => {
    const warnings: SettingWarning[] = [];
    const body = buildAnthropicBody(
      chatRequest({
        maxOutputTokens: 10,
        seed: 1,
        presencePenalty: 0.1,
        frequencyPenalty: 0.1,
        logprobs: true,
        topLogprobs: 2,
        reasoningEffort: 'high',
      }),
      options({ warnings }),
    );
    assert.deepEqual(
      warnings.map((warning) => warning.param),
      ['seed', 'presence_penalty', 'frequency_penalty', 'logprobs', 'top_logprobs', 'reasoning_effort'],
    );
    assert.ok(warnings.every((warning) => warning.type === 'dropped'));
    assert.deepEqual(Object.keys(body).sort(), ['max_tokens', 'messages', 'model']);
  });

  it('maps tool choices and the parallel flag', () => {
    const cases = [
      [{ toolChoice: 'auto' }, { type: 'auto' }],
      [{ toolChoice: 'none' }, { type: 'none' }],
      [{ toolChoice: 'required' }, { type: 'any' }],
      [{ toolChoice: { type: 'function', name: 'f' } }, { type: 'tool', name: 'f' }],
      [{ parallelToolCalls: false }, { type: 'auto', disable_parallel_tool_use: true }],
      [
        { toolChoice: { type: 'function', name: 'f' }, parallelToolCalls: false },
        { type: 'tool', name: 'f', disable_parallel_tool_use: true },
      ],
    ] as const;
    for (const [settings, expected] of cases) {
      const body = buildAnthropicBody(chatRequest({ maxOutputTokens: 1, ...settings }), options());
      assert.deepEqual(body.tool_choice, expected);
    }
  });

  it('follows the unknown-parameter policy for extra keys', () => {
    const request = chatRequest({
      maxOutputTokens: 1,
      extra: { safe_prompt: true, logit_bias: { '1': 2 } },
    });
    assert.throws(
      () => buildAnthropicBody(request, options({ unknownParameters: 'error' })),
      (error: unknown) =>
        refusal('safe_prompt', 'unknown_parameter')(error) && /safe_prompt, logit_bias/.test((error as Error).message),
    );
    const warnings: SettingWarning[] = [];
    const dropped = buildAnthropicBody(request, options({ unknownParameters: 'drop', warnings }));
    assert.equal(dropped.safe_prompt, undefined);
    assert.deepEqual(
      warnings.map((warning) => warning.param),
      ['safe_prompt', 'logit_bias'],
    );
    const passed = buildAnthropicBody(request, options({ unknownParameters: 'pass-through' }));
    assert.equal(passed.safe_prompt, true);
    assert.deepEqual(passed.logit_bias, { '1': 2 });
  });
});

describe('native Anthropic parameters', () => {
  it('forwards thinking and top_k even when unknown parameters are refused', () => {
    const request = chatRequest({ extra: { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 5 } });
    const body = buildAnthropicBody(request, options({ unknownParameters: 'error' }));
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.equal(body.top_k, 5);
  });
});

describe('fields Anthropic has no place for', () => {
  it('names a dropped strict flag and message name in the warnings', () => {
    const warnings: SettingWarning[] = [];
    buildAnthropicBody(
      chatRequest({
        messages: [{ role: 'user', content: 'hi', name: 'alice' }],
        tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object' }, strict: true }],
      }),
      options({ warnings }),
    );
    const params = warnings.map((warning) => warning.param);
    assert.ok(params.includes('tools[].function.strict'));
    assert.ok(params.includes('messages[].name'));
  });
});
