import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest, SettingWarning } from '../../spec/index.js';
import { dropCacheControl } from './drop-cache-control.js';

const ephemeral = { type: 'ephemeral' } as const;

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'm', messages: [], stream: false, includeUsage: false, extra: {}, ...overrides };
}

describe('dropCacheControl', () => {
  it('returns an unmarked request as it is, without a warning', () => {
    const warnings: SettingWarning[] = [];
    const original = request({
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'A' },
            { type: 'text', text: 'B' },
          ],
        },
      ],
    });
    assert.equal(dropCacheControl(original, warnings, 'why'), original);
    assert.deepEqual(warnings, []);
  });

  it('removes every mark, joins marked text-only system and assistant parts, and warns once', () => {
    const warnings: SettingWarning[] = [];
    const stripped = dropCacheControl(
      request({
        messages: [
          {
            role: 'system',
            content: [
              { type: 'text', text: 'A' },
              { type: 'text', text: 'B', cacheControl: ephemeral },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look', cacheControl: ephemeral },
              { type: 'image', url: 'https://example.com/a.png', cacheControl: ephemeral },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'x' },
              { type: 'text', text: 'y', cacheControl: ephemeral },
            ],
            toolCalls: [{ id: 't', name: 'f', arguments: '{}', cacheControl: ephemeral }],
          },
          { role: 'tool', toolCallId: 't', content: 'done', cacheControl: ephemeral },
        ],
        tools: [{ type: 'function', name: 'f', cacheControl: ephemeral }],
      }),
      warnings,
      'no breakpoints here.',
    );
    assert.deepStrictEqual(stripped.messages, [
      { role: 'system', content: 'A\nB' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image', url: 'https://example.com/a.png' },
        ],
      },
      { role: 'assistant', content: 'xy', toolCalls: [{ id: 't', name: 'f', arguments: '{}' }] },
      { role: 'tool', toolCallId: 't', content: 'done' },
    ]);
    assert.deepStrictEqual(stripped.tools, [{ type: 'function', name: 'f' }]);
    assert.deepEqual(warnings, [{ type: 'dropped', param: 'cache_control', detail: 'no breakpoints here.' }]);
  });

  it('warns for a marked tool definition alone', () => {
    const warnings: SettingWarning[] = [];
    dropCacheControl(request({ tools: [{ type: 'function', name: 'f', cacheControl: ephemeral }] }), warnings, 'x');
    assert.equal(warnings.length, 1);
  });
});
