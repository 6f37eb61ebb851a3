import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { CallContext, ChatRequest } from '../../spec/index.js';
import { readLocalChatSettings } from './local-chat-settings.js';
import { LOCAL_SAMPLING_DEFAULTS } from './local-sampling-defaults.js';

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'm', messages: [], stream: false, includeUsage: false, extra: {}, ...overrides };
}

function callContext(unknownParameters: CallContext['unknownParameters'] = 'drop'): CallContext {
  return { requestId: 'r', signal: new AbortController().signal, warnings: [], unknownParameters };
}

function refusal(overrides: Partial<ChatRequest>, context = callContext()): GatewayError {
  try {
    readLocalChatSettings(request(overrides), context);
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('readLocalChatSettings', () => {
  it("samples with llama-server's defaults and a fresh seed when the request says nothing", () => {
    const first = readLocalChatSettings(request(), callContext());
    assert.equal(first.temperature, LOCAL_SAMPLING_DEFAULTS.temperature);
    assert.equal(first.temperature, 0.8);
    assert.equal(first.topK, 40);
    assert.equal(first.minP, 0.05);
    assert.equal(first.maxOutputTokens, undefined);
    const seeds = new Set(Array.from({ length: 5 }, () => readLocalChatSettings(request(), callContext()).seed));
    assert.ok(seeds.size > 1, 'each request draws its own seed');
  });

  it('maps the OpenAI settings and the llama-server extras', () => {
    const settings = readLocalChatSettings(
      request({
        maxOutputTokens: 9,
        temperature: 0,
        topP: 0.5,
        seed: -1,
        stop: ['\n'],
        presencePenalty: 0.5,
        frequencyPenalty: 0.25,
        n: 1,
        logprobs: false,
        extra: { top_k: 5, min_p: 0.1, repeat_penalty: 1.2 },
      }),
      callContext('error'),
    );
    assert.deepEqual(
      {
        maxOutputTokens: settings.maxOutputTokens,
        temperature: settings.temperature,
        topP: settings.topP,
        seed: settings.seed,
        stop: settings.stop,
        presencePenalty: settings.presencePenalty,
        frequencyPenalty: settings.frequencyPenalty,
        topK: settings.topK,
        minP: settings.minP,
        repeatPenalty: settings.repeatPenalty,
      },
      {
        maxOutputTokens: 9,
        temperature: 0,
        topP: 0.5,
        seed: 2 ** 32 - 1,
        stop: ['\n'],
        presencePenalty: 0.5,
        frequencyPenalty: 0.25,
        topK: 5,
        minP: 0.1,
        repeatPenalty: 1.2,
      },
    );
  });

  it('refuses n > 1, logprobs, too many or empty stop sequences, and bad extras', () => {
    assert.equal(refusal({ n: 3 }).param, 'n');
    assert.equal(refusal({ logprobs: true }).code, 'unsupported_parameter');
    assert.equal(refusal({ topLogprobs: 2 }).param, 'top_logprobs');
    assert.equal(refusal({ stop: ['a', 'b', 'c', 'd', 'e'] }).param, 'stop');
    assert.equal(refusal({ stop: ['a', ''] }).param, 'stop[1]');
    assert.equal(refusal({ extra: { top_k: 1.5 } }).param, 'top_k');
    assert.equal(refusal({ extra: { top_k: -1 } }).param, 'top_k');
    assert.equal(refusal({ extra: { min_p: '0.1' } }).param, 'min_p');
    assert.equal(refusal({ extra: { repeat_penalty: 0 } }).param, 'repeat_penalty');
  });

  it('refuses unknown extras by name when the call says so, and drops them with a warning otherwise', () => {
    const error = refusal({ extra: { mirostat: 2, tfs_z: 1, keep_alive: 0 } }, callContext('error'));
    assert.equal(error.code, 'unknown_parameter');
    assert.match(error.message, /mirostat, tfs_z/);
    assert.doesNotMatch(error.message, /keep_alive/);
    const context = callContext('pass-through');
    readLocalChatSettings(request({ extra: { mirostat: 2 }, reasoningEffort: 'low', user: 'u' }), context);
    assert.deepEqual(
      context.warnings.map((warning) => `${warning.type} ${warning.param}`),
      ['dropped reasoning_effort', 'dropped mirostat'],
    );
  });
});
