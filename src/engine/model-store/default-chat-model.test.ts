import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CHAT_MODEL, MODEL_NAME_PATTERN, parseModelSource } from './index.js';

describe('DEFAULT_CHAT_MODEL', () => {
  it('names one GGUF file on Hugging Face, a valid model name and the command that pulls it', () => {
    const source = parseModelSource(DEFAULT_CHAT_MODEL.source);
    assert.equal(source.kind, 'file');
    assert.equal(
      source.kind === 'file' ? source.url : undefined,
      'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf',
    );
    assert.match(DEFAULT_CHAT_MODEL.name, MODEL_NAME_PATTERN);
    assert.equal(DEFAULT_CHAT_MODEL.licence, 'Apache-2.0');
    assert.ok(DEFAULT_CHAT_MODEL.approxSizeBytes > 400e6 && DEFAULT_CHAT_MODEL.approxSizeBytes < 600e6);
    assert.equal(
      DEFAULT_CHAT_MODEL.pullCommand,
      `hangar models pull ${DEFAULT_CHAT_MODEL.source} --name ${DEFAULT_CHAT_MODEL.name}`,
    );
    assert.ok(Object.isFrozen(DEFAULT_CHAT_MODEL));
  });
});
