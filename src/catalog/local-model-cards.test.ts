import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localModelCards, renderModelCard, type LocalModelInput } from './index.js';

const info: LocalModelInput['info'] = {
  architecture: 'llama',
  parameterCount: 1_234_567_890,
  quantisation: 'Q4_K_M',
  contextLength: 131072,
  chatTemplate: '{% for message in messages %}{{ message.content }}{% endfor %}',
  pooling: null,
};

describe('localModelCards', () => {
  it("describes a chat model from its GGUF facts, with vendor local and the engine's zero price", () => {
    const [card] = localModelCards([{ name: 'llama-3.2-1b', info }]);
    assert.deepEqual(renderModelCard(card!), {
      object: 'model_card',
      id: 'llama-3.2-1b',
      name: 'llama-3.2-1b',
      vendor: 'local',
      family: 'llama',
      description: "GGUF model in this Hangar's store (llama, Q4_K_M, 1.2B parameters, chat).",
      origin: 'engine',
      modalities_in: ['text'],
      modalities_out: ['text'],
      context_window: 131072,
      max_output_tokens: null,
      capabilities: ['tools', 'json_schema'],
      parameters: {},
      licence: "unknown: see the model's source",
      released: null,
      retires: null,
      deployment_types: ['managed'],
      prices: [
        {
          deployment_type: 'managed',
          sold_by: 'self-hosted',
          prompt_tokens_above: 0,
          usd_per_million_tokens: { input: 0, cached_input: null, cache_write_input: null, output: 0 },
          source: null,
          as_of: null,
          note: 'Hosted by this Hangar: no per-token price.',
        },
      ],
      local: { architecture: 'llama', parameters: 1_234_567_890, quantisation: 'Q4_K_M', has_chat_template: true },
    });
  });

  it('makes a model with a pooling type an embeddings model, and one without a template json_schema only', () => {
    const [embed, bare] = localModelCards([
      { name: 'bert', info: { ...info, architecture: 'bert', pooling: 'mean', chatTemplate: null } },
      { name: 'bare', info: { ...info, architecture: null, contextLength: null, chatTemplate: null, pooling: 'none' } },
    ]);
    assert.deepEqual(embed?.capabilities, ['embeddings']);
    assert.deepEqual(embed?.modalitiesOut, ['embedding']);
    assert.equal(embed?.prices[0]?.microUsdPerMillionTokens.output, null);
    assert.deepEqual(bare?.capabilities, ['json_schema']);
    assert.equal(bare?.family, 'unknown');
    assert.equal(bare?.contextWindow, null);
    assert.match(bare?.description ?? '', /no chat template/);
  });
});
