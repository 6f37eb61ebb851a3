import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../spec/index.js';
import { parseClassificationReply } from './parse-classification-reply.js';

const SAFE = { hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' };

describe('parseClassificationReply: Llama Guard verdicts', () => {
  it('reads `safe` as every category safe and no attack', () => {
    assert.deepEqual(parseClassificationReply('\n\nsafe\n'), { severities: SAFE, attack: false });
  });

  it('maps hazard codes to categories at high severity and counts unsafe as an attack', () => {
    assert.deepEqual(parseClassificationReply('unsafe\nS1,S10'), {
      severities: { ...SAFE, violence: 'high', hate: 'high' },
      attack: true,
    });
    assert.deepEqual(parseClassificationReply('unsafe\nS11').severities, { ...SAFE, self_harm: 'high' });
    for (const code of ['S3', 'S4', 'S12']) {
      assert.equal(parseClassificationReply(`unsafe\n${code}`).severities?.sexual, 'high', code);
    }
    assert.equal(parseClassificationReply('unsafe\nS9').severities?.violence, 'high');
  });

  it('ignores hazards with no Azure category, and tolerates spaces and case', () => {
    assert.deepEqual(parseClassificationReply('unsafe\nS2, S7,S14'), { severities: SAFE, attack: true });
    assert.deepEqual(parseClassificationReply('Unsafe\ns10 , s99').severities, { ...SAFE, hate: 'high' });
  });

  it('refuses `unsafe` without codes, since it cannot say which category', () => {
    assert.throws(() => parseClassificationReply('unsafe'), /without the hazard codes/);
  });
});

describe('parseClassificationReply: JSON grades', () => {
  it('reads a bare JSON grade with its jailbreak flag', () => {
    const reply = '{"hate":"low","sexual":"safe","violence":"medium","self_harm":"high","jailbreak":true}';
    assert.deepEqual(parseClassificationReply(reply), {
      severities: { hate: 'low', sexual: 'safe', violence: 'medium', self_harm: 'high' },
      attack: true,
    });
  });

  it('reads JSON in a Markdown fence, among prose', () => {
    const reply =
      'Here is my assessment:\n```json\n{"hate": "safe", "sexual": "Medium", "violence": "safe", "self_harm": "safe", "jailbreak": false}\n```\nLet me know if you need more.';
    assert.deepEqual(parseClassificationReply(reply), { severities: { ...SAFE, sexual: 'medium' }, attack: false });
  });

  it('reads JSON surrounded by prose without a fence', () => {
    const reply = 'Sure. {"violence":"high"} That is my grade.';
    assert.deepEqual(parseClassificationReply(reply), { severities: { ...SAFE, violence: 'high' }, attack: undefined });
  });

  it('accepts key spellings, "none", Azure numeric levels and string flags', () => {
    const reply = '{"Self-Harm": 4, "selfHarm_extra": 1, "HATE": "none", "violence": 7, "sexual": 2, "attack": "yes"}';
    assert.deepEqual(parseClassificationReply(reply), {
      severities: { hate: 'safe', sexual: 'low', violence: 'high', self_harm: 'medium' },
      attack: true,
    });
  });

  it('reads an attack-only answer to a shield prompt', () => {
    assert.deepEqual(parseClassificationReply('{"attack":false}'), { severities: undefined, attack: false });
    assert.equal(parseClassificationReply('{"indirect_attack":true}').attack, true);
  });

  it('throws a GatewayError that does not quote the reply for anything else', () => {
    const garbage = [
      'I cannot help with that request about secret-word.',
      '',
      'Safe.',
      '{"verdict":"ok"}',
      '{"hate":"extreme"}',
      '{"jailbreak":"maybe"}',
      '{"hate": "safe",',
    ];
    for (const reply of garbage) {
      assert.throws(
        () => parseClassificationReply(reply),
        (error: unknown) =>
          error instanceof GatewayError &&
          error.code === 'upstream_error' &&
          /classification model/.test(error.message) &&
          !error.message.includes('secret-word'),
        JSON.stringify(reply),
      );
    }
  });
});
