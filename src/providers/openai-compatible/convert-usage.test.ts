import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionTokens, promptTokens, totalTokens } from '../../spec/index.js';
import { convertDeepSeekUsage } from './convert-deepseek-usage.js';
import { convertOpenAiUsage } from './convert-openai-usage.js';
import { convertXaiUsage } from './convert-xai-usage.js';

describe('usage converters', () => {
  it('OpenAI: cached ⊂ prompt and reasoning ⊂ completion are subtracted', () => {
    const raw = {
      prompt_tokens: 1117,
      completion_tokens: 46,
      total_tokens: 1163,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 10 },
    };
    const usage = convertOpenAiUsage(raw);
    assert.deepEqual(usage, { input: 93, cachedInput: 1024, cacheWriteInput: 0, output: 36, reasoning: 10, raw });
    assert.equal(totalTokens(usage), 1163);
  });

  it('OpenAI: absent details count as zero', () => {
    const usage = convertOpenAiUsage({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
    assert.deepEqual(
      { ...usage, raw: null },
      { input: 5, cachedInput: 0, cacheWriteInput: 0, output: 2, reasoning: 0, raw: null },
    );
  });

  it('xAI grok-3-mini: reasoning is outside completion_tokens', () => {
    const raw = {
      prompt_tokens: 12,
      completion_tokens: 1,
      total_tokens: 399,
      prompt_tokens_details: { text_tokens: 12, cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 386 },
    };
    const usage = convertXaiUsage(raw);
    assert.deepEqual(usage, { input: 12, cachedInput: 0, cacheWriteInput: 0, output: 1, reasoning: 386, raw });
    assert.equal(completionTokens(usage), 387);
    assert.equal(totalTokens(usage), 399);
  });

  it('xAI: cached prompt tokens are part of prompt_tokens', () => {
    const usage = convertXaiUsage({
      prompt_tokens: 37,
      completion_tokens: 530,
      total_tokens: 1886,
      prompt_tokens_details: { cached_tokens: 6 },
      completion_tokens_details: { reasoning_tokens: 1319 },
    });
    assert.deepEqual([usage.input, usage.cachedInput, usage.output, usage.reasoning], [31, 6, 530, 1319]);
    assert.equal(totalTokens(usage), 1886);
  });

  it('xAI: a total that shows reasoning inside completion is not billed twice', () => {
    const usage = convertXaiUsage({
      prompt_tokens: 10,
      completion_tokens: 50,
      total_tokens: 60,
      completion_tokens_details: { reasoning_tokens: 40 },
    });
    assert.deepEqual([usage.output, usage.reasoning], [10, 40]);
    assert.equal(totalTokens(usage), 60);
  });

  it('DeepSeek: prompt_cache_hit_tokens ⊂ prompt, reasoning ⊂ completion', () => {
    const raw = {
      prompt_tokens: 100,
      completion_tokens: 250,
      total_tokens: 350,
      prompt_cache_hit_tokens: 64,
      prompt_cache_miss_tokens: 36,
      completion_tokens_details: { reasoning_tokens: 200 },
    };
    const usage = convertDeepSeekUsage(raw);
    assert.deepEqual(usage, { input: 36, cachedInput: 64, cacheWriteInput: 0, output: 50, reasoning: 200, raw });
    assert.equal(promptTokens(usage), 100);
    assert.equal(totalTokens(usage), 350);
  });
});
