import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../spec/index.js';
import { canFailOver, canRetrySameBackend } from './retry-rules.js';

const upstreamError = (code: 'upstream_rate_limited' | 'rate_limit_exceeded', providerId: string, status: number) =>
  new GatewayError(code, 'busy', { upstream: { providerId, status }, retryAfterMs: 1000 });

describe('retry rules', () => {
  it("retries a vendor's 429 on the same backend, but never a local model's full queue", () => {
    assert.equal(canRetrySameBackend(upstreamError('upstream_rate_limited', 'openai', 429)), true);
    const queueFull = upstreamError('rate_limit_exceeded', 'local', 429);
    assert.equal(canRetrySameBackend(queueFull), false);
    assert.equal(canFailOver(queueFull), true, 'another backend may still answer it');
  });
});
