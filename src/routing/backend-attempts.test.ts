import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type BackendTarget } from '../spec/index.js';
import { tryBackendsInOrder } from './backend-attempts.js';

const backend = (name: string, priority: number, weight: number) => ({
  connection: { name, provider: 'openai' as const, baseUrl: 'http://127.0.0.1:9/v1' },
  model: 'gpt-4o',
  priority,
  weight,
});

const unavailable = (name: string) =>
  new GatewayError('upstream_unavailable', `${name} is down`, { upstream: { providerId: 'openai', status: 503 } });

describe('tryBackendsInOrder with priorities and weights', () => {
  it('fails over from the weighted pick to the rest of its priority, then to the next priority', async () => {
    const backends = [backend('heavy', 0, 3), backend('light', 0, 1), backend('spare', 1, 1)];
    const tried: string[] = [];
    const options = { defaultTimeoutMs: 1000, signal: new AbortController().signal, random: () => 0.9 };
    const answer = await tryBackendsInOrder(backends, options, (_provider, target: BackendTarget) => {
      tried.push(target.connection.name);
      if (target.connection.name !== 'spare') return Promise.reject(unavailable(target.connection.name));
      return Promise.resolve(target.connection.name);
    });
    assert.equal(answer, 'spare');
    assert.deepEqual(tried, ['light', 'heavy', 'spare'], 'a draw of 0.9 picks the weight-1 backend first');
  });
});
