import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChatMessage } from '../../spec/index.js';
import {
  backendTarget,
  callContext,
  chatRequest,
  jsonReply,
  readFixture,
  startFakeUpstream,
} from '../testing/index.js';
import type { FakeUpstream } from '../testing/index.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { anthropicProvider } from './index.js';

const fixture = (name: string) => readFixture(import.meta.url, name);

const ephemeral = { type: 'ephemeral' } as const;
const hour = { type: 'ephemeral', ttl: '1h' } as const;

/** A conversation with a breakpoint on every kind of piece Anthropic lets carry one. */
const MARKED: ChatMessage[] = [
  {
    role: 'system',
    content: [
      { type: 'text', text: 'You are terse.' },
      { type: 'text', text: 'A long style guide.', cacheControl: hour },
    ],
  },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Read this.', cacheControl: ephemeral },
      { type: 'image', url: 'data:image/png;base64,iVBOR', cacheControl: ephemeral },
    ],
  },
  {
    role: 'assistant',
    content: [{ type: 'text', text: 'Checking.', cacheControl: ephemeral }],
    toolCalls: [{ id: 'toolu_1', name: 'lookup', arguments: '{"q":"x"}', cacheControl: ephemeral }],
  },
  {
    role: 'tool',
    toolCallId: 'toolu_1',
    content: [{ type: 'text', text: 'found', cacheControl: { type: 'ephemeral', ttl: '5m' } }],
    cacheControl: ephemeral,
  },
];

describe('Anthropic cache breakpoints', () => {
  let upstream: FakeUpstream;
  before(async () => {
    upstream = await startFakeUpstream();
  });
  after(async () => {
    await upstream.close();
  });

  it('sends system as text blocks and puts cache_control back on message blocks and tools', async () => {
    upstream.reply(jsonReply(fixture('anthropic-message-tool-use.json')));
    const context = callContext();
    const result = await anthropicProvider.chat(
      chatRequest({
        messages: MARKED,
        maxOutputTokens: 64,
        tools: [
          { type: 'function', name: 'lookup', parameters: { type: 'object' } },
          { type: 'function', name: 'search', parameters: { type: 'object' }, cacheControl: ephemeral },
        ],
      }),
      backendTarget('anthropic', upstream.baseUrl, 'claude-sonnet-4-5'),
      context,
    );
    assert.deepEqual(upstream.requests.at(-1)!.body, {
      model: 'claude-sonnet-4-5',
      system: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'A long style guide.', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Read this.', cache_control: { type: 'ephemeral' } },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' },
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.', cache_control: { type: 'ephemeral' } },
            {
              type: 'tool_use',
              id: 'toolu_1',
              name: 'lookup',
              input: { q: 'x' },
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: 'found', cache_control: { type: 'ephemeral', ttl: '5m' } }],
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
      ],
      max_tokens: 64,
      tools: [
        { name: 'lookup', input_schema: { type: 'object' } },
        { name: 'search', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
      ],
    });
    assert.deepEqual(context.warnings, []);
    assert.equal(result.usage.cachedInput, 3000);
    assert.equal(result.usage.cacheWriteInput, 1500);
  });

  it('keeps the system prompt one string when nothing in it is marked', () => {
    const conversation = convertToAnthropicMessages([
      {
        role: 'system',
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
      },
      { role: 'developer', content: 'C' },
      { role: 'user', content: [{ type: 'text', text: 'Hi', cacheControl: ephemeral }] },
    ]);
    assert.equal(conversation.system, 'A\nB\nC');
  });

  it('sends every system and developer message as blocks when one is marked', () => {
    const conversation = convertToAnthropicMessages([
      { role: 'system', content: 'Rules.' },
      { role: 'developer', content: [{ type: 'text', text: 'More rules.', cacheControl: ephemeral }] },
      { role: 'user', content: 'Hi' },
    ]);
    assert.deepEqual(conversation.system, [
      { type: 'text', text: 'Rules.' },
      { type: 'text', text: 'More rules.', cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('passes more than four breakpoints as given, for Anthropic to judge', () => {
    const conversation = convertToAnthropicMessages(
      Array.from({ length: 5 }, (_, index) => ({
        role: 'user' as const,
        content: [{ type: 'text' as const, text: `part ${index}`, cacheControl: ephemeral }],
      })),
    );
    const blocks = conversation.messages[0]?.content;
    assert.ok(Array.isArray(blocks));
    assert.equal(blocks.length, 5);
  });
});
