import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectedChatUsage } from './chat-plan.js';
import {
  applyStopSequences,
  contentText,
  embeddingToBase64,
  embeddingVector,
  lastUserText,
  promptCharacters,
  promptTokensFor,
  splitIntoPieces,
  truncateWords,
} from './deterministic-reply.js';

describe('deterministic reply helpers', () => {
  it('reads the last user text from string and part contents', () => {
    const messages = [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'reply' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'second ' }, { type: 'image_url' }, { type: 'text', text: 'part' }],
      },
    ];
    assert.equal(lastUserText(messages), 'second part');
    assert.equal(lastUserText([]), '');
    assert.equal(contentText([{ type: 'tool_result', content: 'ran' }]), 'ran');
    assert.equal(promptCharacters(messages, 'sys'), 5 + 5 + 11 + 3);
  });

  it('counts prompt tokens as characters / 4 rounded up, at least 1', () => {
    assert.equal(promptTokensFor(0), 1);
    assert.equal(promptTokensFor(4), 1);
    assert.equal(promptTokensFor(5), 2);
  });

  it('splits text into the asked number of pieces without breaking characters', () => {
    assert.deepEqual(splitIntoPieces('abcdefg', 3), ['ab', 'cd', 'efg']);
    assert.deepEqual(splitIntoPieces('ab', 5), ['a', 'b']);
    assert.deepEqual(splitIntoPieces('', 3), []);
    assert.deepEqual(splitIntoPieces('🚀🚀', 2), ['🚀', '🚀']);
  });

  it('truncates to words and cuts at the earliest stop sequence', () => {
    assert.equal(truncateWords('a  b c', 2), 'a  b');
    assert.equal(truncateWords('a b', 5), 'a b');
    assert.deepEqual(applyStopSequences('one two three', ['three', 'two']), { text: 'one ', stoppedBy: 'two' });
    assert.deepEqual(applyStopSequences('one two', 'zzz'), { text: 'one two' });
  });

  it('derives unit-length float32 embeddings whose base64 decodes to the same numbers', () => {
    const vector = embeddingVector('text', 16);
    assert.equal(vector.length, 16);
    assert.ok(Math.abs(Math.hypot(...vector) - 1) < 1e-6);
    assert.deepEqual(embeddingVector('text', 16), vector);
    const decoded = Buffer.from(embeddingToBase64(vector), 'base64');
    assert.deepEqual(
      Array.from({ length: 16 }, (_, index) => decoded.readFloatLE(index * 4)),
      vector,
    );
  });

  it('puts xAI reasoning outside completion tokens and DeepSeek reasoning inside', () => {
    const body = { model: 'grok-3-mini', messages: [{ role: 'user', content: 'abcd' }] };
    const xai = expectedChatUsage('xai', body);
    assert.equal(xai.completion_tokens, 2);
    assert.equal(xai.total_tokens, 1 + 2 + 3);
    const deepseek = expectedChatUsage('deepseek', { ...body, model: 'deepseek-reasoner' });
    assert.equal(deepseek.completion_tokens, 2 + 3);
    assert.equal(deepseek.total_tokens, 1 + 5);
    assert.equal(deepseek.prompt_cache_miss_tokens, 1);
  });
});
