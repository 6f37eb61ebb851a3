import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeResults } from './describe-results';

describe('describeResults', () => {
  it('puts what was found in words and sums up the clean checks', () => {
    const words = describeResults({
      hate: { filtered: false, severity: 'safe' },
      sexual: { filtered: false, severity: 'safe' },
      violence: { filtered: true, severity: 'high' },
      self_harm: { filtered: false, severity: 'low' },
      jailbreak: { filtered: true, detected: true },
      indirect_attack: { filtered: false, detected: false },
      custom_blocklists: { filtered: true, details: [{ filtered: true, id: 'codenames' }] },
      personally_identifiable_information: {
        filtered: false,
        detected: true,
        redacted: true,
        kinds: ['email', 'iban'],
      },
    });
    assert.deepEqual(words.findings, [
      { text: 'Violence: high, filtered', filtered: true },
      { text: 'Self-harm: low, not filtered', filtered: false },
      { text: 'Jailbreak: detected, filtered', filtered: true },
      { text: 'Blocklist codenames: matched, filtered', filtered: true },
      { text: 'Personal data (email address, IBAN): redacted', filtered: true },
    ]);
    assert.equal(words.clean, 'Safe: hate, sexual; no indirect attack detected');
  });

  it('names an analyzer that failed, which refuses nothing', () => {
    const words = describeResults({ error: { code: 'analyzer_failed', message: 'The classifier timed out.' } });
    assert.deepEqual(words.findings, [
      { text: 'Analyzer failed (analyzer_failed): The classifier timed out.', filtered: false },
    ]);
    assert.equal(words.clean, '');
  });

  it('says personal data that was only annotated', () => {
    const words = describeResults({
      personally_identifiable_information: { filtered: false, detected: true, redacted: false, kinds: ['phone'] },
    });
    assert.deepEqual(words.findings, [{ text: 'Personal data (phone number): annotated only', filtered: false }]);
  });
});
