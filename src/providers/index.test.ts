import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, PROVIDER_IDS } from '../spec/index.js';
import { PROVIDERS, providerFor } from './index.js';

describe('providerFor', () => {
  it('returns a provider whose id matches for every id but local', () => {
    for (const id of PROVIDER_IDS) {
      if (id === 'local') continue;
      assert.equal(providerFor(id).id, id);
    }
    assert.equal(Object.keys(PROVIDERS).length, PROVIDER_IDS.length - 1);
  });

  it('names the default base URLs', () => {
    assert.equal(providerFor('openai').defaultBaseUrl, 'https://api.openai.com/v1');
    assert.equal(providerFor('xai').defaultBaseUrl, 'https://api.x.ai/v1');
    assert.equal(providerFor('anthropic').defaultBaseUrl, 'https://api.anthropic.com/v1');
    assert.equal(providerFor('openai-compatible').defaultBaseUrl, undefined);
    assert.equal(providerFor('azure-openai').defaultBaseUrl, undefined);
  });

  it('explains that this process runs no local engine', () => {
    assert.throws(
      () => providerFor('local'),
      (error: unknown) => error instanceof GatewayError && /runs no local engine/.test(error.message),
    );
  });
});
