import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { ChatStreamEvent } from '../../spec/index.js';
import { piiActions, resolvedTestPolicy, triggerWordAnalyzer } from '../testing/resolved-test-policy.js';
import { filterChatStream, type StreamFilterState, type StreamWindowOptions } from './filter-chat-stream.js';

const analyzer = triggerWordAnalyzer({ FORBIDDEN: { category: 'violence', severity: 'high' } });

async function* upstream(events: ChatStreamEvent[], gapMs = 0): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) {
    if (gapMs > 0) await sleep(gapMs);
    else await Promise.resolve();
    yield event;
  }
}

function textDeltas(text: string, size: number, choice = 0): ChatStreamEvent[] {
  const events: ChatStreamEvent[] = [];
  for (let at = 0; at < text.length; at += size) {
    events.push({ type: 'text-delta', choice, delta: text.slice(at, at + size) });
  }
  return events;
}

const finish = (choice = 0): ChatStreamEvent => ({
  type: 'choice-finish',
  choice,
  finishReason: { unified: 'stop', raw: 'stop' },
});
const usage: ChatStreamEvent = {
  type: 'usage',
  usage: { input: 1, cachedInput: 0, cacheWriteInput: 0, output: 1, reasoning: 0, raw: null },
};

async function run(
  events: AsyncIterable<ChatStreamEvent>,
  options: Partial<StreamWindowOptions> = {},
  policy = resolvedTestPolicy(analyzer),
): Promise<{ out: ChatStreamEvent[]; state: StreamFilterState }> {
  const state: StreamFilterState = { filtered: false };
  const out: ChatStreamEvent[] = [];
  for await (const event of filterChatStream(
    events,
    policy,
    { windowChars: 100, maxDelayMs: 10_000, choices: 1, ...options },
    state,
  )) {
    out.push(event);
  }
  return { out, state };
}

const released = (events: readonly ChatStreamEvent[], choice = 0): string =>
  events.map((event) => (event.type === 'text-delta' && event.choice === choice ? event.delta : '')).join('');

describe('filterChatStream', () => {
  it('releases all text, each window followed by its annotation with offsets, and keeps the finish and usage', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(8);
    const { out, state } = await run(upstream([...textDeltas(text, 7), finish(), usage]));
    assert.equal(released(out), text);
    assert.equal(state.filtered, false);
    const annotations = out.filter((event) => event.type === 'content-filter');
    assert.ok(annotations.length >= 3, `one annotation per window, got ${annotations.length}`);
    let expectedStart = 0;
    for (const annotation of annotations) {
      assert.equal(annotation.offsets.startOffset, expectedStart);
      assert.ok(annotation.offsets.endOffset > annotation.offsets.startOffset);
      assert.deepEqual(annotation.results.violence, { filtered: false, severity: 'safe' });
      expectedStart = annotation.offsets.endOffset;
    }
    assert.equal(expectedStart, text.length);
    assert.deepEqual(
      out.slice(-2).map((event) => event.type),
      ['choice-finish', 'usage'],
    );
  });

  it('never releases a refused window and ends the choice with content_filter, its results on the finish', async () => {
    const clean = 'A calm sentence about gardens and rivers. '.repeat(4);
    const text = `${clean}Then FORBIDDEN words arrive and more text follows after them.`;
    let cut = 0;
    const { out, state } = await run(upstream([...textDeltas(text, 5), finish(), usage]), {
      onAllChoicesCut: () => cut++,
    });
    assert.equal(state.filtered, true);
    assert.equal(cut, 1);
    assert.ok(!released(out).includes('FORBIDDEN'), 'the refused window was released');
    assert.ok(clean.startsWith(released(out)), 'only clean text went out');
    const last = out.findLast((event) => event.type === 'choice-finish');
    assert.equal(last?.type, 'choice-finish');
    if (last?.type === 'choice-finish') {
      assert.equal(last.finishReason.unified, 'content_filter');
      assert.deepEqual(last.contentFilterResults?.violence, { filtered: true, severity: 'high' });
    }
    assert.equal(out.filter((event) => event.type === 'choice-finish').length, 1, 'the upstream finish is dropped');
  });

  it('grades a phrase split across two windows as a whole', async () => {
    const policy = resolvedTestPolicy(triggerWordAnalyzer({ 'BAD THING': { category: 'hate', severity: 'high' } }));
    const before = 'x'.repeat(130);
    const { out, state } = await run(
      upstream([...textDeltas(`${before} BAD`, 10), ...textDeltas(' THING later', 3), finish()]),
      {},
      policy,
    );
    assert.equal(state.filtered, true);
    assert.ok(!released(out).includes('BAD'));
  });

  it('never grades half a word: a window ends after the last whole word', async () => {
    // Flags the word "Kys" on its own, as a real analyzer might; "Kysely" is harmless.
    const wordAnalyzer = triggerWordAnalyzer({});
    const graded: string[] = [];
    const policy = resolvedTestPolicy({
      ...wordAnalyzer,
      grade: (text) => {
        graded.push(text);
        const flagged = text.split(/\s+/).includes('Kys');
        return Promise.resolve({
          hate: 'safe',
          sexual: 'safe',
          violence: flagged ? 'high' : 'safe',
          self_harm: 'safe',
        });
      },
    });
    const text = `${'word '.repeat(30)}Kysely builds queries. ${'more '.repeat(30)}`;
    for (const size of [3, 5, 7]) {
      const { out, state } = await run(upstream([...textDeltas(text, size), finish()]), {}, policy);
      assert.equal(state.filtered, false, `cut with deltas of ${size}`);
      assert.equal(released(out), text);
    }
    assert.ok(
      graded.every((window) => !/Kys$/.test(window)),
      'a window ended inside "Kysely"',
    );
  });

  it('releases what it holds after maxDelayMs even when the window is not full', async () => {
    const started = performance.now();
    const state: StreamFilterState = { filtered: false };
    // The upstream stalls after its first delta: the held text must still go out within the delay.
    async function* stalled(): AsyncGenerator<ChatStreamEvent> {
      yield { type: 'text-delta', choice: 0, delta: 'short' };
      await sleep(400);
      yield finish();
    }
    const iterator = filterChatStream(
      stalled(),
      resolvedTestPolicy(analyzer),
      { windowChars: 1000, maxDelayMs: 30, choices: 1 },
      state,
    )[Symbol.asyncIterator]();
    const first = await iterator.next();
    const elapsed = performance.now() - started;
    assert.deepEqual(first.value, { type: 'text-delta', choice: 0, delta: 'short' });
    assert.ok(elapsed < 300, `released after ${elapsed.toFixed(0)} ms`);
    await iterator.return?.(undefined);
  });

  it('redacts personal data, also when it arrives split across deltas', async () => {
    const policy = resolvedTestPolicy(analyzer, { completionPii: piiActions('redact', ['email']) });
    const text = `${'Some filler words to pass the window. '.repeat(3)}Write to jane.doe@example.com for details.`;
    const { out } = await run(upstream([...textDeltas(text, 4), finish()]), {}, policy);
    const sent = released(out);
    assert.ok(!sent.includes('jane.doe'), sent);
    assert.equal(sent.split('[REDACTED:EMAIL]').length, 2, `one placeholder for the address: ${sent}`);
    assert.ok(sent.endsWith(' for details.'));
  });

  it('filters choices independently when n > 1', async () => {
    const events: ChatStreamEvent[] = [
      ...textDeltas('fine text one. '.repeat(3), 5, 0),
      ...textDeltas('FORBIDDEN text two. '.repeat(3), 5, 1),
      finish(0),
      finish(1),
      usage,
    ];
    const { out, state } = await run(upstream(events), { choices: 2 });
    assert.equal(state.filtered, true);
    assert.equal(released(out, 0), 'fine text one. '.repeat(3));
    assert.equal(released(out, 1), '');
    const finishes = out.filter((event) => event.type === 'choice-finish');
    assert.deepEqual(
      finishes.map((event) => (event.type === 'choice-finish' ? [event.choice, event.finishReason.unified] : [])),
      [
        [0, 'stop'],
        [1, 'content_filter'],
      ],
    );
    assert.equal(out.at(-1)?.type, 'usage');
  });
});
