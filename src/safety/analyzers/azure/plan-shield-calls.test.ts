import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codePointLength } from '../split-text.js';
import { planShieldCalls } from './plan-shield-calls.js';

describe('planShieldCalls', () => {
  it('sends a small question as one request', () => {
    assert.deepEqual(planShieldCalls({ userPrompt: 'hi', documents: ['a', 'b'] }), [
      { userPrompt: 'hi', documents: ['a', 'b'], owners: [0, 1] },
    ]);
  });

  it('leaves out empty texts, and plans nothing for an empty question', () => {
    assert.deepEqual(planShieldCalls({ userPrompt: '', documents: ['', 'b'] }), [{ documents: ['b'], owners: [1] }]);
    assert.deepEqual(planShieldCalls({ userPrompt: ' ', documents: [] }), []);
  });

  it('puts at most five documents in a request', () => {
    const documents = Array.from({ length: 7 }, (_, index) => `document ${index}`);
    const calls = planShieldCalls({ userPrompt: 'question', documents });
    assert.deepEqual(
      calls.map((call) => call.owners),
      [
        [0, 1, 2, 3, 4],
        [5, 6],
      ],
    );
    assert.equal(calls[0]?.userPrompt, 'question');
    assert.equal(calls[1]?.userPrompt, undefined);
  });

  it('keeps the documents of a request within 10,000 code points and splits a longer document', () => {
    const long = 'word '.repeat(5_000);
    const calls = planShieldCalls({ userPrompt: '', documents: ['first', long, 'last'] });
    for (const call of calls) {
      const total = call.documents.reduce((sum, document) => sum + codePointLength(document), 0);
      assert.ok(total <= 10_000, `a request carries ${total} code points of documents`);
      assert.ok(call.documents.length <= 5);
    }
    const pieces = calls.flatMap((call) =>
      call.documents.map((document, index) => ({ document, owner: call.owners[index] })),
    );
    assert.equal(
      pieces
        .filter((piece) => piece.owner === 1)
        .map((piece) => piece.document)
        .join(''),
      long,
    );
    assert.deepEqual(
      pieces.filter((piece) => piece.owner !== 1).map((piece) => piece.document),
      ['first', 'last'],
    );
  });

  it('splits a long user prompt over several requests', () => {
    const prompt = 'please '.repeat(3_000);
    const calls = planShieldCalls({ userPrompt: prompt, documents: ['doc'] });
    assert.equal(calls.length, 3);
    assert.equal(calls.map((call) => call.userPrompt).join(''), prompt);
    assert.deepEqual(calls[0]?.documents, ['doc']);
    assert.deepEqual(calls[2]?.documents, []);
  });
});
