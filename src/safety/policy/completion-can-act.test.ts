import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionCanAct } from './completion-can-act.js';
import { parsePolicyInput } from './content-filter-policy-wire.js';

describe('completionCanAct', () => {
  it('is true for the default completion settings', () => {
    assert.equal(completionCanAct(parsePolicyInput({}).completion), true);
  });

  it('is false once the four categories are off and nothing else can act', () => {
    const parsed = parsePolicyInput({ completion: { hate: 'off', sexual: 'off', violence: 'off', self_harm: 'off' } });
    assert.deepEqual(Object.keys(parsed.completion.thresholds).sort(), ['hate', 'self_harm', 'sexual', 'violence']);
    assert.equal(completionCanAct(parsed.completion), false);
  });

  it('is true when a blocklist or a redaction remains', () => {
    const off = { hate: 'off', sexual: 'off', violence: 'off', self_harm: 'off' };
    assert.equal(
      completionCanAct(parsePolicyInput({ completion: { ...off, blocklists: ['codes'] } }).completion),
      true,
    );
    assert.equal(
      completionCanAct(parsePolicyInput({ completion: { ...off, pii: { email: 'redact' } } }).completion),
      true,
    );
    assert.equal(
      completionCanAct(parsePolicyInput({ completion: { ...off, pii: { email: 'annotate' } } }).completion),
      false,
    );
  });
});
