import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelHost } from '../../engine/index.js';
import { GatewayError } from '../../spec/index.js';
import { backendTarget, callContext, chatRequest } from '../testing/index.js';
import { createLocalProvider } from './local-provider.js';

describe('cache breakpoints on a locally hosted model', () => {
  it('are dropped with a warning before the model is opened', async () => {
    const opened: string[] = [];
    // Only `open` is reached: it refuses, so the request ends before any slot or llama.cpp is needed.
    const host = {
      open: (name: string) => {
        opened.push(name);
        return Promise.reject(new GatewayError('model_not_found', `no model ${name}`));
      },
    } as unknown as ModelHost;
    const context = callContext();
    await assert.rejects(
      createLocalProvider(host).chat(
        chatRequest({
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cacheControl: { type: 'ephemeral' } }] }],
        }),
        backendTarget('local', '', 'tiny'),
        context,
      ),
    );
    assert.deepEqual(opened, ['tiny']);
    assert.deepEqual(
      context.warnings.map((warning) => [warning.type, warning.param]),
      [['dropped', 'cache_control']],
    );
  });
});
